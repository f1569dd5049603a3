/** Sprig's encoding, hashing, path, URL, random and UUID functions. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { decodeUtf8, goFunc, goKindOf, isGoMap, type FuncMap, type GoMap, type GoValue } from '@fjord/go-template';
import { hostname, parseGoUrl, type GoUrl } from './go-url';

const utf8 = new TextEncoder();

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** base32.StdEncoding.EncodeToString. */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  while (out.length % 8) out += '=';
  return out;
}

/** base32.StdEncoding.DecodeString, as Go decodes it quantum by quantum; throws Go's CorruptInputError text. */
export function base32Decode(s: string): Uint8Array {
  const src = new TextEncoder().encode(s.replace(/[\r\n]/g, ''));
  const olen = src.length;
  const corrupt = (at: number): Error => new Error(`illegal base32 data at input byte ${at}`);
  const out: number[] = [];
  let p = 0;
  let end = false;
  while (p < olen && !end) {
    const d = [0, 0, 0, 0, 0, 0, 0, 0];
    let dlen = 8;
    for (let j = 0; j < 8;) {
      if (p >= olen) throw corrupt(olen - j);
      const c = src[p++];
      const rest = olen - p;
      if (c === 0x3d && j >= 2 && rest < 8) {
        // Padding: it must run to the end and leave a valid number of characters in the quantum.
        if (rest + j < 7) throw corrupt(olen);
        for (let k = 0; k < 7 - j; k++) if (rest > k && src[p + k] !== 0x3d) throw corrupt(p + k - 1);
        [dlen, end] = [j, true];
        if (dlen === 1 || dlen === 3 || dlen === 6) throw corrupt(p - 1);
        break;
      }
      const v = c < 0x80 ? B32.indexOf(String.fromCharCode(c)) : -1;
      if (v < 0) throw corrupt(p - 1);
      d[j++] = v;
    }
    const bytes = [
      (d[0] << 3) | (d[1] >> 2),
      (d[1] << 6) | (d[2] << 1) | (d[3] >> 4),
      (d[3] << 4) | (d[4] >> 1),
      (d[4] << 7) | (d[5] << 2) | (d[6] >> 3),
      (d[6] << 5) | d[7],
    ];
    out.push(...bytes.slice(0, { 8: 5, 7: 4, 5: 3, 4: 2, 2: 1 }[dlen] ?? 0).map((x) => x & 255));
  }
  return new Uint8Array(out);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * base64.StdEncoding.DecodeString, as Go decodes it quantum by quantum (padding required, \r and \n skipped);
 * throws Go's CorruptInputError text with Go's byte offset.
 */
export function base64Decode(s: string): Uint8Array {
  const src = new TextEncoder().encode(s);
  const corrupt = (at: number): Error => new Error(`illegal base64 data at input byte ${at}`);
  const isNewline = (c: number): boolean => c === 0x0a || c === 0x0d;
  const out: number[] = [];
  let si = 0;
  while (si < src.length) {
    const d = [0, 0, 0, 0];
    let dlen = 4;
    let trailing: Error | undefined;
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return new Uint8Array(out);
        throw corrupt(si - j);
      }
      const c = src[si++];
      const v = c < 0x80 ? B64.indexOf(String.fromCharCode(c)) : -1;
      if (v >= 0) {
        d[j] = v;
        continue;
      }
      if (isNewline(c)) {
        j--;
        continue;
      }
      if (c !== 0x3d || j < 2) throw corrupt(si - 1);
      if (j === 2) {
        // "==" is expected; the first "=" is read.
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) throw corrupt(src.length);
        if (src[si] !== 0x3d) throw corrupt(si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) trailing = corrupt(si);
      dlen = j;
      break;
    }
    const val = (d[0] << 18) | (d[1] << 12) | (d[2] << 6) | d[3];
    out.push(...[(val >> 16) & 255, (val >> 8) & 255, val & 255].slice(0, dlen - 1));
    if (trailing) throw trailing;
  }
  return new Uint8Array(out);
}

/** Adler-32 checksum. */
export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** Go's path.Clean. */
export function pathClean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const s = (rooted ? '/' : '') + out.join('/');
  return s === '' ? '.' : s;
}

/** Go's path.Base. */
export function pathBase(p: string): string {
  if (p === '') return '.';
  const t = p.replace(/\/+$/, '');
  if (t === '') return '/';
  return t.slice(t.lastIndexOf('/') + 1);
}

/** Go's path.Dir. */
export const pathDir = (p: string): string => pathClean(p.slice(0, p.lastIndexOf('/') + 1));

/** Go's path.Ext. */
export function pathExt(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A cryptographically random string over an alphabet. */
function randomFrom(alphabet: string, n: bigint): string {
  let out = '';
  const bytes = randomBytes(Math.max(Number(n), 0) * 2);
  for (let i = 0; i < Number(n); i++) out += alphabet[((bytes[2 * i] << 8) | bytes[2 * i + 1]) % alphabet.length];
  return out;
}

/** URL parts as Sprig's urlParse returns them (Go's url.Parse; a parse error fails the call as Sprig's panic does). */
function urlParse(v: string): GoMap {
  let u: GoUrl;
  try {
    u = parseGoUrl(v);
  } catch (e) {
    throw new Error(`unable to parse url: ${(e as Error).message}`);
  }
  return {
    scheme: u.scheme,
    host: u.host,
    hostname: hostname(u.host),
    path: u.path,
    query: u.rawQuery,
    opaque: u.opaque,
    fragment: u.fragment,
    userinfo: u.userinfo,
  };
}

function dictString(d: GoMap, key: string): string {
  if (!Object.prototype.hasOwnProperty.call(d, key)) return '';
  const v = d[key];
  if (typeof v !== 'string') throw new Error(`unable to parse ${key} key, must be of type string, but ${v === null ? 'invalid' : goKindOf(v)} found`);
  return v;
}

/** Go's url.URL.String for the parts Sprig sets. */
function urlJoin(d: GoMap): string {
  if (!isGoMap(d)) return '';
  const [scheme, host, path, query, opaque, fragment, userinfo] = ['scheme', 'host', 'path', 'query', 'opaque', 'fragment', 'userinfo'].map((k) =>
    dictString(d, k),
  );
  let out = scheme ? `${scheme}:` : '';
  if (opaque) out += opaque;
  else {
    if (scheme || host || userinfo) {
      if (host || path || userinfo) out += '//';
      if (userinfo) out += `${userinfo}@`;
      out += host;
    }
    if (path && !path.startsWith('/') && host) out += '/';
    out += encodeURI(path).replace(/%25/g, '%').replace(/\?/g, '%3F');
  }
  if (query) out += `?${query}`;
  if (fragment) out += `#${encodeURI(fragment)}`;
  return out;
}

/** The encoding, hashing, path, URL and random functions by name. */
export const encodingFuncs: FuncMap = {
  b64enc: goFunc('func(string) string', (s: string) => Buffer.from(utf8.encode(s)).toString('base64')),
  b64dec: goFunc('func(string) string', (s: string) => {
    try {
      return decodeUtf8(base64Decode(s));
    } catch (e) {
      return (e as Error).message;
    }
  }),
  b32enc: goFunc('func(string) string', (s: string) => base32Encode(utf8.encode(s))),
  b32dec: goFunc('func(string) string', (s: string) => {
    try {
      return decodeUtf8(base32Decode(s));
    } catch (e) {
      return (e as Error).message;
    }
  }),
  sha1sum: goFunc('func(string) string', (s: string) => createHash('sha1').update(utf8.encode(s)).digest('hex')),
  sha256sum: goFunc('func(string) string', (s: string) => createHash('sha256').update(utf8.encode(s)).digest('hex')),
  sha512sum: goFunc('func(string) string', (s: string) => createHash('sha512').update(utf8.encode(s)).digest('hex')),
  adler32sum: goFunc('func(string) string', (s: string) => String(adler32(utf8.encode(s)))),
  base: goFunc('func(string) string', pathBase),
  dir: goFunc('func(string) string', pathDir),
  clean: goFunc('func(string) string', pathClean),
  ext: goFunc('func(string) string', pathExt),
  isAbs: goFunc('func(string) bool', (p: string) => p.startsWith('/')),
  osBase: goFunc('func(string) string', pathBase),
  osDir: goFunc('func(string) string', pathDir),
  osClean: goFunc('func(string) string', pathClean),
  osExt: goFunc('func(string) string', pathExt),
  osIsAbs: goFunc('func(string) bool', (p: string) => p.startsWith('/')),
  urlParse: goFunc('func(string) map[string]interface {}', urlParse),
  urlJoin: goFunc('func(map[string]interface {}) string', urlJoin),
  uuidv4: goFunc('func() string', () => randomUUID()),
  randAlphaNum: goFunc('func(int) string', (n: bigint) => randomFrom(ALNUM, n)),
  randAlpha: goFunc('func(int) string', (n: bigint) => randomFrom(ALNUM.slice(0, 52), n)),
  randNumeric: goFunc('func(int) string', (n: bigint) => randomFrom('0123456789', n)),
  randAscii: goFunc('func(int) string', (n: bigint) => randomFrom(Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).join(''), n)),
  randBytes: goFunc('func(int) (string, error)', (n: bigint) => randomBytes(Number(n)).toString('base64')),
  shuffle: goFunc('func(string) string', (s: string) => {
    const c = [...s];
    for (let i = c.length - 1; i > 0; i--) {
      const j = randomBytes(4).readUInt32BE(0) % (i + 1);
      [c[i], c[j]] = [c[j], c[i]];
    }
    return c.join('');
  }),
  fail: goFunc('func(string) (string, error)', (msg: string) => {
    throw new Error(msg);
  }),
};

/** Whether a value is usable as a Go map argument (helper for callers). */
export const isDict = (v: GoValue): boolean => isGoMap(v);
