import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LRUCache } from 'lru-cache';
import { NotFoundError } from '@fjord/platform';
import { CorruptObjectError, inflateExactly, inflatePrefix, PackFile, type AdmitObject, type DeltaBases, type GitObject, type ObjectType } from './pack-file';

/** What a tree entry is, from its mode. */
export type TreeEntryKind = 'tree' | 'file' | 'symlink' | 'submodule';

/** One entry of a tree object. */
export interface TreeEntry {
  kind: TreeEntryKind;
  oid: string;
}

/** Bounds of one repository's object store; defaults in DEFAULT_OBJECT_STORE_OPTIONS. */
export interface ObjectStoreOptions {
  /** Largest object inflated that is not itself a file read (a tree, a delta base, a commit), in bytes. */
  maxObjectBytes: number;
  /** Tree entries kept parsed, across trees (the least recently used trees are dropped). */
  treeCacheEntries: number;
  /** Bytes of delta bases kept inflated, so that a chain of deltas is not rebuilt for each of its objects. */
  baseCacheBytes: number;
}

/** Defaults: objects up to 256 MiB, 200,000 parsed tree entries and 8 MiB of delta bases per repository. */
export const DEFAULT_OBJECT_STORE_OPTIONS: ObjectStoreOptions = { maxObjectBytes: 256 << 20, treeCacheEntries: 200_000, baseCacheBytes: 8 << 20 };

const LOOSE_HEADER = /^(commit|tree|blob|tag) (\d+)$/;
const LOOSE_HEAD_BYTES = 1024;

/**
 * Reads the objects of one Git directory synchronously — loose objects and packs (version-2 indexes, offset and
 * reference deltas, thin packs) — so that a render, which reads through a synchronous file system, can read a
 * commit's files without a checkout. Packs a fetch adds later are found when an object is missing. Parsed trees
 * and delta bases are kept in bounded LRUs (objects are immutable, so they never go stale).
 */
export class GitObjectStore {
  private readonly options: ObjectStoreOptions;
  private packs = new Map<string, PackFile>();
  private readonly trees: LRUCache<string, ReadonlyMap<string, TreeEntry>>;
  private readonly bases: LRUCache<string, GitObject>;
  private readonly deltaBases: DeltaBases = {
    at: (pack, offset, depth) => this.base(`${pack.path}:${offset}`, () => pack.read(offset, this.deltaBases, this.admitBase, depth)),
    byId: (oid, depth) => this.base(oid, () => this.readObject(oid, this.admitBase, depth)),
  };

  constructor(
    readonly gitdir: string,
    options: Partial<ObjectStoreOptions> = {},
  ) {
    this.options = { ...DEFAULT_OBJECT_STORE_OPTIONS, ...options };
    this.trees = new LRUCache({ maxSize: this.options.treeCacheEntries, sizeCalculation: (t) => t.size + 1 });
    this.bases = new LRUCache({ maxSize: this.options.baseCacheBytes, sizeCalculation: (o) => o.data.length + 1 });
  }

  /**
   * The object `oid`. `admit` sees its size before its content is inflated and may throw to refuse it; without
   * it, objects over `maxObjectBytes` are refused. NotFoundError when the repository does not have it.
   */
  read(oid: string, admit: AdmitObject = this.admitBase): GitObject {
    return this.readObject(oid.toLowerCase(), admit, 0);
  }

  /** The entries of tree `oid` by name, parsed once. Entries whose names Git itself refuses are left out. */
  tree(oid: string): ReadonlyMap<string, TreeEntry> {
    const cached = this.trees.get(oid);
    if (cached) return cached;
    const object = this.read(oid);
    if (object.type !== 'tree') throw new CorruptObjectError(`object ${oid} is a ${object.type}, not a tree`);
    const tree = parseTree(object.data, oid);
    this.trees.set(oid, tree);
    return tree;
  }

  /** The root tree of commit `oid`. */
  commitTree(oid: string): string {
    const object = this.read(oid);
    if (object.type !== 'commit') throw new NotFoundError(`object ${oid} is a ${object.type}, not a commit`);
    const m = /^tree ([0-9a-f]{40})\n/.exec(object.data.toString('latin1', 0, 46));
    if (!m) throw new CorruptObjectError(`commit ${oid} does not name its tree`);
    return m[1];
  }

  private readonly admitBase: AdmitObject = (size) => {
    if (size > this.options.maxObjectBytes) throw new CorruptObjectError(`an object of ${size} bytes is over the limit of ${this.options.maxObjectBytes}`);
  };

  private base(key: string, read: () => GitObject): GitObject {
    const cached = this.bases.get(key);
    if (cached) return cached;
    const object = read();
    this.bases.set(key, object);
    return object;
  }

  private readObject(oid: string, admit: AdmitObject, depth: number): GitObject {
    for (const attempt of ['known packs', 'rescanned packs'] as const) {
      if (attempt === 'rescanned packs') this.rescanPacks();
      for (const pack of this.packs.values()) {
        const offset = pack.find(oid);
        if (offset === undefined) continue;
        try {
          return pack.read(offset, this.deltaBases, admit, depth);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
          this.packs.delete(pack.path.replace(/\.pack$/, '.idx')); // removed by a gc; look again
        }
      }
      const loose = this.readLoose(oid, admit);
      if (loose) return loose;
    }
    throw new NotFoundError(`object ${oid} not found in the repository`);
  }

  private readLoose(oid: string, admit: AdmitObject): GitObject | undefined {
    if (!/^[0-9a-f]{40}$/.test(oid)) return undefined;
    const path = join(this.gitdir, 'objects', oid.slice(0, 2), oid.slice(2));
    let compressed: Buffer;
    try {
      compressed = readFileSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    const head = inflatePrefix(compressed.subarray(0, LOOSE_HEAD_BYTES), path);
    const nul = head.indexOf(0);
    const m = nul > 0 ? LOOSE_HEADER.exec(head.toString('latin1', 0, nul)) : null;
    if (!m) throw new CorruptObjectError(`${path}: not a loose object`);
    const size = Number(m[2]);
    admit(size);
    const whole = inflateExactly(compressed, nul + 1 + size, path);
    return { type: m[1] as ObjectType, data: whole.subarray(nul + 1) };
  }

  /** Loads the indexes of packs added since the last scan, and forgets packs that are gone. */
  private rescanPacks(): void {
    const dir = join(this.gitdir, 'objects', 'pack');
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith('.idx'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') names = [];
      else throw err;
    }
    const packs = new Map<string, PackFile>();
    for (const name of names) {
      const idxPath = join(dir, name);
      const pack = this.packs.get(idxPath) ?? PackFile.open(idxPath);
      if (pack) packs.set(idxPath, pack);
    }
    this.packs = packs;
  }
}

/** Parses a tree object: `<octal mode> <name>\0<20-byte id>` repeated. */
function parseTree(data: Buffer, oid: string): ReadonlyMap<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>();
  let p = 0;
  while (p < data.length) {
    const space = data.indexOf(0x20, p);
    const nul = space < 0 ? -1 : data.indexOf(0, space + 1);
    if (space < 0 || nul < 0 || nul + 21 > data.length) throw new CorruptObjectError(`tree ${oid} does not parse`);
    const mode = Number.parseInt(data.toString('latin1', p, space), 8);
    const name = data.toString('utf8', space + 1, nul);
    const kind = entryKind(mode);
    if (kind && name !== '' && name !== '.' && name !== '..' && !name.includes('/')) {
      entries.set(name, { kind, oid: data.toString('hex', nul + 1, nul + 21) });
    }
    p = nul + 21;
  }
  return entries;
}

function entryKind(mode: number): TreeEntryKind | undefined {
  switch (mode & 0o170000) {
    case 0o040000:
      return 'tree';
    case 0o100000:
      return 'file';
    case 0o120000:
      return 'symlink';
    case 0o160000:
      return 'submodule';
    default:
      return undefined;
  }
}
