import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { constants, inflateSync } from 'node:zlib';

/** The kinds of Git object. */
export type ObjectType = 'commit' | 'tree' | 'blob' | 'tag';

/** An object's kind and content. */
export interface GitObject {
  type: ObjectType;
  data: Buffer;
}

/** Called with an object's size before its content is inflated; throws to refuse the read. */
export type AdmitObject = (size: number) => void;

/** How a pack reaches the bases of its deltas (the store bounds and caches them). */
export interface DeltaBases {
  /** The object at `offset` of `pack`, as a delta base. */
  at(pack: PackFile, offset: number, depth: number): GitObject;
  /** The object `oid` from anywhere in the repository: a fetched pack may be thin. */
  byId(oid: string, depth: number): GitObject;
}

/** Raised for a pack, index or loose object that does not parse: the repository is damaged or hostile. */
export class CorruptObjectError extends Error {
  override name = 'CorruptObjectError';
}

const TYPES: Record<number, ObjectType | undefined> = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag' };
const OFS_DELTA = 6;
const REF_DELTA = 7;
const IDX_MAGIC = 0xff744f63;
const IDX_HEADER = 8 + 256 * 4;
/** Bytes read at once for an entry: small objects (almost all) take one read. */
const FIRST_READ = 64 << 10;
/** Compressed bytes inflated to learn a delta's result size before inflating all of it (covers any zlib header). */
const DELTA_HEAD = 1024;
/** Longest chain of deltas followed (Git writes chains of at most 50 unless told otherwise). */
const MAX_DELTA_DEPTH = 1_000;

/**
 * One pack (`objects/pack/pack-*.pack`) and its version-2 index, read synchronously: an object is found by a binary
 * search of the index, and only its own bytes are read from the pack (entries end where the next one starts).
 */
export class PackFile {
  private constructor(
    readonly path: string,
    private readonly idx: Buffer,
    private readonly count: number,
    /** Every entry's offset, ascending, to find where an entry ends. */
    private readonly starts: Float64Array,
    private readonly packSize: number,
  ) {}

  /**
   * Opens the pack whose index is `idxPath`. Undefined when the index is not complete yet (a fetch is still
   * writing it) or its pack is missing; throws CorruptObjectError for an index that is not a version-2 index.
   */
  static open(idxPath: string): PackFile | undefined {
    const packPath = idxPath.replace(/\.idx$/, '.pack');
    let idx: Buffer;
    let packSize: number;
    try {
      idx = readFileSync(idxPath);
      const fd = openSync(packPath, 'r');
      try {
        packSize = fstatSync(fd).size;
      } finally {
        closeSync(fd);
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    if (idx.length < IDX_HEADER) return undefined;
    if (idx.readUInt32BE(0) !== IDX_MAGIC || idx.readUInt32BE(4) !== 2) {
      throw new CorruptObjectError(`${idxPath}: not a version-2 pack index`);
    }
    const count = idx.readUInt32BE(IDX_HEADER - 4);
    const offsets = IDX_HEADER + count * 24;
    const large = offsets + count * 4;
    if (idx.length < large + 40) return undefined;
    const pack = new PackFile(packPath, idx, count, new Float64Array(count), packSize);
    for (let i = 0; i < count; i++) pack.starts[i] = pack.offsetAt(i);
    pack.starts.sort();
    return pack;
  }

  /** The offset of object `oid` in the pack, or undefined when the pack does not hold it. */
  find(oid: string): number | undefined {
    const want = Buffer.from(oid, 'hex');
    if (want.length !== 20) return undefined;
    let lo = want[0] === 0 ? 0 : this.idx.readUInt32BE(8 + (want[0] - 1) * 4);
    let hi = this.idx.readUInt32BE(8 + want[0] * 4);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const at = IDX_HEADER + mid * 20;
      const cmp = this.idx.compare(want, 0, 20, at, at + 20);
      if (cmp === 0) return this.offsetAt(mid);
      if (cmp < 0) lo = mid + 1;
      else hi = mid;
    }
    return undefined;
  }

  /** The object at `offset`, with its deltas applied. `admit` sees the object's size before it is inflated. */
  read(offset: number, bases: DeltaBases, admit: AdmitObject = () => undefined, depth = 0): GitObject {
    if (depth > MAX_DELTA_DEPTH) throw new CorruptObjectError(`${this.path}: delta chain longer than ${MAX_DELTA_DEPTH} at offset ${offset}`);
    const end = this.entryEnd(offset);
    let head: EntryHeader;
    let compressed: Buffer;
    const fd = openSync(this.path, 'r');
    try {
      const first = readAt(fd, offset, Math.min(end - offset, FIRST_READ));
      head = parseEntryHeader(first, this.path, offset);
      if (head.kind === 'object') admit(head.size);
      else {
        // A delta: its result's size is in the delta's own header, which comes first in its compressed stream.
        const target = deltaTargetSize(inflatePrefix(first.subarray(head.length, head.length + DELTA_HEAD), this.path, offset));
        // Each instruction makes at least one byte of the result from at most eight of the delta.
        if (target === undefined || head.size > 8 * target + 40) throw new CorruptObjectError(`${this.path}: bad delta at offset ${offset}`);
        admit(target);
      }
      compressed = end - offset <= FIRST_READ ? first.subarray(head.length) : readAt(fd, offset + head.length, end - offset - head.length);
    } finally {
      closeSync(fd);
    }
    const data = inflateExactly(compressed, head.size, this.path, offset);
    if (head.kind === 'object') return { type: head.type, data };
    const base = head.kind === 'ofs-delta' ? bases.at(this, head.base, depth + 1) : bases.byId(head.base, depth + 1);
    return { type: base.type, data: applyDelta(data, base.data, this.path, offset) };
  }

  private offsetAt(i: number): number {
    const small = this.idx.readUInt32BE(IDX_HEADER + this.count * 24 + i * 4);
    if ((small & 0x80000000) === 0) return small;
    return Number(this.idx.readBigUInt64BE(IDX_HEADER + this.count * 28 + (small & 0x7fffffff) * 8));
  }

  /** Where the entry at `offset` ends: at the next entry, or before the pack's trailing checksum. */
  private entryEnd(offset: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.starts.length ? this.starts[lo] : this.packSize - 20;
  }
}

type EntryHeader =
  | { kind: 'object'; type: ObjectType; size: number; length: number }
  | { kind: 'ofs-delta'; base: number; size: number; length: number }
  | { kind: 'ref-delta'; base: string; size: number; length: number };

function parseEntryHeader(buf: Buffer, path: string, offset: number): EntryHeader {
  let p = 0;
  const next = (): number => {
    if (p >= buf.length) throw new CorruptObjectError(`${path}: truncated entry at offset ${offset}`);
    return buf[p++];
  };
  let c = next();
  const typeCode = (c >> 4) & 7;
  let size = c & 15;
  for (let shift = 4; c & 0x80; shift += 7) {
    c = next();
    size += (c & 0x7f) * 2 ** shift;
  }
  const type = TYPES[typeCode];
  if (type) return { kind: 'object', type, size, length: p };
  if (typeCode === OFS_DELTA) {
    c = next();
    let back = c & 0x7f;
    while (c & 0x80) {
      c = next();
      back = (back + 1) * 128 + (c & 0x7f);
    }
    if (back <= 0 || back > offset) throw new CorruptObjectError(`${path}: bad delta base at offset ${offset}`);
    return { kind: 'ofs-delta', base: offset - back, size, length: p };
  }
  if (typeCode === REF_DELTA) {
    if (p + 20 > buf.length) throw new CorruptObjectError(`${path}: truncated entry at offset ${offset}`);
    return { kind: 'ref-delta', base: buf.toString('hex', p, p + 20), size, length: p + 20 };
  }
  throw new CorruptObjectError(`${path}: unknown object type ${typeCode} at offset ${offset}`);
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(Math.max(0, length));
  let done = 0;
  while (done < buf.length) {
    const n = readSync(fd, buf, done, buf.length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done === buf.length ? buf : buf.subarray(0, done);
}

/** Inflates a zlib stream that must hold exactly `size` bytes (never more: a hostile stream cannot balloon). */
export function inflateExactly(compressed: Buffer, size: number, path: string, offset = 0): Buffer {
  let out: Buffer;
  try {
    out = inflateSync(compressed, { maxOutputLength: Math.max(1, size) });
  } catch (err) {
    throw new CorruptObjectError(`${path}: cannot inflate the object at offset ${offset}: ${(err as Error).message}`, { cause: err });
  }
  if (out.length !== size) throw new CorruptObjectError(`${path}: object at offset ${offset} is ${out.length} bytes, its header says ${size}`);
  return out;
}

/** Inflates what a truncated zlib stream holds so far: enough to read a header without inflating the rest. */
export function inflatePrefix(compressed: Buffer, path: string, offset = 0): Buffer {
  try {
    return inflateSync(compressed, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch (err) {
    throw new CorruptObjectError(`${path}: cannot inflate the object at offset ${offset}: ${(err as Error).message}`, { cause: err });
  }
}

/** The result size a delta declares (its second varint), or undefined when `head` is too short to say. */
function deltaTargetSize(head: Buffer): number | undefined {
  const source = readVarint(head, 0);
  return source && readVarint(head, source.next)?.value;
}

function readVarint(buf: Buffer, at: number): { value: number; next: number } | undefined {
  let value = 0;
  for (let shift = 0, p = at; p < buf.length && shift < 64; shift += 7) {
    const c = buf[p++];
    value += (c & 0x7f) * 2 ** shift;
    if (!(c & 0x80)) return { value, next: p };
  }
  return undefined;
}

/** Rebuilds an object from its delta against `base` (Git's copy/insert instructions). */
export function applyDelta(delta: Buffer, base: Buffer, path = 'delta', offset = 0): Buffer {
  const bad = (why: string) => new CorruptObjectError(`${path}: bad delta at offset ${offset}: ${why}`);
  const source = readVarint(delta, 0);
  const target = source && readVarint(delta, source.next);
  if (!source || !target) throw bad('truncated header');
  if (source.value !== base.length) throw bad(`base is ${base.length} bytes, the delta expects ${source.value}`);
  const out = Buffer.allocUnsafe(target.value);
  let o = 0;
  let p = target.next;
  while (p < delta.length) {
    const op = delta[p++];
    if (op & 0x80) {
      let from = 0;
      let length = 0;
      if (op & 0x01) from = delta[p++];
      if (op & 0x02) from |= delta[p++] << 8;
      if (op & 0x04) from |= delta[p++] << 16;
      if (op & 0x08) from += delta[p++] * 0x1000000;
      if (op & 0x10) length = delta[p++];
      if (op & 0x20) length |= delta[p++] << 8;
      if (op & 0x40) length |= delta[p++] << 16;
      if (length === 0) length = 0x10000;
      if (p > delta.length || from + length > base.length || o + length > out.length) throw bad('copy out of range');
      base.copy(out, o, from, from + length);
      o += length;
    } else if (op !== 0) {
      if (p + op > delta.length || o + op > out.length) throw bad('insert out of range');
      delta.copy(out, o, p, p + op);
      o += op;
      p += op;
    } else throw bad('reserved instruction 0');
  }
  if (o !== out.length) throw bad(`result is ${o} bytes, the delta declares ${out.length}`);
  return out;
}
