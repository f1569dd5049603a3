import { Redis } from 'ioredis';
import type { Logger } from '@fjord/platform';
import type { ManifestCache } from './manifest-cache';

/**
 * The shared cache on Redis. Redis is a disposable cache here: when it is down, reads miss and writes are
 * dropped (logged once per outage), so rendering goes on without it.
 */
export class RedisManifestCache implements ManifestCache {
  private readonly redis: Redis;
  private down = false;

  constructor(
    url: string,
    private readonly logger: Logger,
    private readonly prefix = '',
  ) {
    this.redis = new Redis(url.includes('://') ? url : `redis://${url}`, {
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    this.redis.on('error', (err: Error) => this.markDown(err));
    this.redis.on('ready', () => {
      if (this.down) this.logger.info('redis is reachable again');
      this.down = false;
    });
  }

  private markDown(err: unknown): void {
    if (!this.down) this.logger.warn({ err: (err as Error).message }, 'redis unavailable; rendering without the shared cache');
    this.down = true;
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(this.prefix + key)) ?? undefined;
    } catch (err) {
      this.markDown(err);
      return undefined;
    }
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    try {
      await this.redis.set(this.prefix + key, value, 'EX', Math.max(1, Math.round(ttlSeconds)));
    } catch (err) {
      this.markDown(err);
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
