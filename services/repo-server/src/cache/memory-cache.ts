import { LRUCache } from 'lru-cache';
import type { ManifestCache } from './manifest-cache';

/** The embedded default: an in-process LRU bounded by total size (bytes of the stored strings). */
export class MemoryManifestCache implements ManifestCache {
  private readonly lru: LRUCache<string, string>;

  constructor(maxBytes = 256 << 20) {
    this.lru = new LRUCache({ maxSize: maxBytes, sizeCalculation: (v, k) => (v.length + k.length) * 2 || 1 });
  }

  async get(key: string): Promise<string | undefined> {
    return this.lru.get(key);
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.lru.set(key, value, { ttl: ttlSeconds * 1000 });
  }

  async close(): Promise<void> {
    this.lru.clear();
  }
}
