/** Chart archives (.tgz): gunzip and an in-memory tar reader with Helm's path and size rules. */
import { posix } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Size limits for chart archives (Helm's defaults: 100 MiB per chart, 5 MiB per file). */
export interface ArchiveLimits {
  maxChartSize: number;
  maxFileSize: number;
}

/** Helm's default archive limits. */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxChartSize: 100 * 1024 * 1024, maxFileSize: 5 * 1024 * 1024 };

/** A file of a chart, its name relative to the chart root. */
export interface ChartFileData {
  name: string;
  data: Uint8Array;
}

const BLOCK = 512;
const decoder = new TextDecoder();

function field(buf: Uint8Array, off: number, len: number): string {
  const slice = buf.subarray(off, off + len);
  const end = slice.indexOf(0);
  return decoder.decode(end >= 0 ? slice.subarray(0, end) : slice);
}

function octal(buf: Uint8Array, off: number, len: number): number {
  if (buf[off] & 0x80) {
    let n = 0;
    for (let i = 1; i < len; i++) n = n * 256 + buf[off + i];
    return n;
  }
  const s = field(buf, off, len).trim();
  return s ? parseInt(s, 8) : 0;
}

function parsePax(data: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  const text = decoder.decode(data);
  let i = 0;
  while (i < text.length) {
    const sp = text.indexOf(' ', i);
    if (sp < 0) break;
    const len = parseInt(text.slice(i, sp), 10);
    if (!(len > 0)) break;
    const rec = text.slice(sp + 1, i + len - 1);
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    i += len;
  }
  return out;
}

/** One entry of a tar stream. */
interface TarEntry {
  name: string;
  type: string;
  linkName: string;
  data: Uint8Array;
}

/** Reads the entries of an uncompressed tar stream. */
function readTar(tar: Uint8Array): TarEntry[] {
  const out: TarEntry[] = [];
  let off = 0;
  let longName: string | undefined;
  let pax: Record<string, string> = {};
  while (off + BLOCK <= tar.length) {
    const header = tar.subarray(off, off + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 0x30);
    const dataStart = off + BLOCK;
    if (dataStart + size > tar.length) throw new Error('unexpected EOF');
    const data = tar.subarray(dataStart, dataStart + size);
    off = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      longName = field(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      pax = parsePax(data);
      continue;
    }
    if (type === 'g' || type === 'K') continue;
    const prefix = field(header, 257, 6).startsWith('ustar') ? field(header, 345, 155) : '';
    const baseName = field(header, 0, 100);
    const name = pax.path ?? longName ?? (prefix ? `${prefix}/${baseName}` : baseName);
    out.push({ name, type, linkName: pax.linkpath ?? field(header, 157, 100), data });
    longName = undefined;
    pax = {};
  }
  return out;
}

/**
 * Unpacks a gzipped chart archive into files relative to the chart root (the archive's top directory is
 * dropped). Refuses absolute paths, `..`, drive letters, links pointing outside the chart, and archives or files
 * beyond the limits; throws an Error with Helm's wording.
 */
export function extractChartArchive(bytes: Uint8Array, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): ChartFileData[] {
  if (bytes.length < 3 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new Error('file does not appear to be a gzipped archive');
  let tar: Uint8Array;
  try {
    tar = gunzipSync(bytes, { maxOutputLength: limits.maxChartSize + 1024 * 1024 });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new Error(`decompressed chart is larger than the maximum size ${limits.maxChartSize}`);
    throw new Error(`gzip: ${(e as Error).message}`);
  }
  const files: ChartFileData[] = [];
  let remaining = limits.maxChartSize;
  for (const entry of readTar(tar)) {
    if (entry.type === '5') continue;
    const delimiter = entry.name.includes('\\') ? '\\' : '/';
    const parts = entry.name.split(delimiter);
    let n = parts.slice(1).join('/');
    if (n.startsWith('/')) throw new Error('chart illegally contains absolute paths');
    n = posix.normalize(n).replace(/\/$/, '');
    if (n === '.' || n === '') throw new Error(`chart illegally contains content outside the base directory: "${entry.name}"`);
    if (n.startsWith('..')) throw new Error('chart illegally references parent directory');
    if (/^[a-zA-Z]:\//.test(n)) throw new Error('chart contains illegally named files');
    if (parts[0] === 'Chart.yaml') throw new Error('chart yaml not in base directory');
    if (entry.type === '1' || entry.type === '2') {
      const target = entry.type === '2' ? posix.join(posix.dirname(n), entry.linkName) : entry.linkName.split('/').slice(1).join('/');
      if (posix.isAbsolute(entry.linkName) || posix.normalize(target).startsWith('..')) {
        throw new Error(`chart illegally contains a link leaving the chart: "${entry.name}" -> "${entry.linkName}"`);
      }
    }
    if (entry.data.length > remaining) throw new Error(`decompressed chart is larger than the maximum size ${limits.maxChartSize}`);
    if (entry.data.length > limits.maxFileSize) {
      throw new Error(`decompressed chart file "${entry.name}" is larger than the maximum file size ${limits.maxFileSize}`);
    }
    remaining -= entry.data.length;
    files.push({ name: n, data: stripBom(entry.data) });
  }
  if (files.length === 0) throw new Error('no files in chart archive');
  return files;
}

/** Drops a UTF-8 byte order mark, as Helm does for every chart file. */
export function stripBom(data: Uint8Array): Uint8Array {
  return data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
}
