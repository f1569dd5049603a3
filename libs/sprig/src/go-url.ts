/**
 * Go's net/url.Parse as Sprig's urlParse meets it: the same parts and the same errors for control characters, a
 * missing scheme, a colon in the first path segment, bad `%` escapes, bad ports and bad host characters. (IPv6
 * literals are split but not validated as Go's netip does.)
 */
import { decodeUtf8, quote } from '@fjord/go-template';

/** The URL parts urlParse reports. */
export interface GoUrl {
  scheme: string;
  opaque: string;
  userinfo: string;
  host: string;
  path: string;
  rawQuery: string;
  fragment: string;
}

type Mode = 'path' | 'host' | 'zone' | 'userinfo' | 'fragment';

const isHex = (c: string): boolean => /^[0-9a-fA-F]$/.test(c);
/** Characters a host may hold unescaped (Go's shouldEscape for encodeHost), ASCII only. */
const HOST_OK = /[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"]/;

/** strconv.Quote of bytes: valid UTF-8 quoted as Go quotes it, other bytes as \xNN. */
function quoteBytes(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i];
    const size = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
    const rune = size ? decodeUtf8(bytes.subarray(i, i + size)) : '\uFFFD';
    if (size && [...rune].length === 1 && rune !== '\uFFFD') {
      out += quote(rune).slice(1, -1);
      i += size;
    } else {
      out += `\\x${bytes[i].toString(16).padStart(2, '0')}`;
      i++;
    }
  }
  return `"${out}"`;
}

/** Go's unescape over the string's bytes: `%XX` decoded; errors as Go's EscapeError / InvalidHostError. */
function unescape(s: string, mode: Mode): string {
  const src = new TextEncoder().encode(s);
  const out: number[] = [];
  const isHexByte = (b: number | undefined): boolean => b !== undefined && isHex(String.fromCharCode(b));
  for (let i = 0; i < src.length; i++) {
    const b = src[i];
    if (b === 0x25) {
      if (i + 2 >= src.length || !isHexByte(src[i + 1]) || !isHexByte(src[i + 2])) {
        throw new Error(`invalid URL escape ${quoteBytes(src.subarray(i, i + 3))}`);
      }
      const v = parseInt(String.fromCharCode(src[i + 1], src[i + 2]), 16);
      if (mode === 'host' && v < 0x80 && String.fromCharCode(...src.subarray(i, i + 3)) !== '%25') {
        throw new Error(`invalid URL escape ${quoteBytes(src.subarray(i, i + 3))}`);
      }
      out.push(v);
      i += 2;
      continue;
    }
    if ((mode === 'host' || mode === 'zone') && b < 0x80 && !HOST_OK.test(String.fromCharCode(b))) {
      throw new Error(`invalid character ${quote(String.fromCharCode(b))} in host name`);
    }
    out.push(b);
  }
  return decodeUtf8(new Uint8Array(out));
}

const validOptionalPort = (p: string): boolean => p === '' || /^:\d*$/.test(p);

function parseHost(scheme: string, host: string): string {
  const open = host.lastIndexOf('[');
  if (open > 0) throw new Error('invalid IP-literal');
  if (open === 0) {
    const close = host.lastIndexOf(']');
    if (close < 0) throw new Error("missing ']' in host");
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) throw new Error(`invalid port ${quote(colonPort)} after host`);
    const name = host.slice(1, close);
    const zone = name.indexOf('%25');
    const unescaped = zone >= 0 ? unescape(name.slice(0, zone), 'host') + unescape(name.slice(zone), 'zone') : unescape(name, 'host');
    return `[${unescaped}]${colonPort}`;
  }
  let i = host.indexOf(':');
  if (i >= 0) {
    // Go allows several colons (host lists) except for http and https.
    if (scheme !== 'http' && scheme !== 'https') i = host.lastIndexOf(':');
    const colonPort = host.slice(i);
    if (!validOptionalPort(colonPort)) throw new Error(`invalid port ${quote(colonPort)} after host`);
  }
  return unescape(host, 'host');
}

/** Go's validUserinfo. */
const validUserinfo = (s: string): boolean => /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);

/** Go's getScheme: a scheme before the first `:` when it is one. */
function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new Error('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

function parse(raw: string): GoUrl {
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new Error('net/url: invalid control character in URL');
  const url: GoUrl = { scheme: '', opaque: '', userinfo: '', host: '', path: '', rawQuery: '', fragment: '' };
  if (raw === '*') return { ...url, path: '*' };
  const [scheme, afterScheme] = getScheme(raw);
  url.scheme = scheme.toLowerCase();
  let rest = afterScheme;
  if (rest.endsWith('?') && rest.split('?').length === 2) rest = rest.slice(0, -1);
  else {
    const q = rest.indexOf('?');
    if (q >= 0) [rest, url.rawQuery] = [rest.slice(0, q), rest.slice(q + 1)];
  }
  if (!rest.startsWith('/')) {
    if (url.scheme) return { ...url, opaque: rest };
    if (rest.split('/')[0].includes(':')) throw new Error('first path segment in URL cannot contain colon');
  }
  if ((url.scheme || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) [authority, rest] = [authority.slice(0, slash), authority.slice(slash)];
    const at = authority.lastIndexOf('@');
    url.host = parseHost(url.scheme, authority.slice(at + 1));
    if (at >= 0) {
      url.userinfo = authority.slice(0, at);
      if (!validUserinfo(url.userinfo)) throw new Error('net/url: invalid userinfo');
      for (const part of url.userinfo.split(':', 2)) unescape(part, 'userinfo');
    }
  }
  url.path = unescape(rest, 'path');
  return url;
}

/** Go's url.Parse; errors read `parse "RAW": REASON` as Go's url.Error does. */
export function parseGoUrl(raw: string): GoUrl {
  const hash = raw.indexOf('#');
  const [u, frag] = hash >= 0 ? [raw.slice(0, hash), raw.slice(hash + 1)] : [raw, ''];
  let url: GoUrl;
  try {
    url = parse(u);
  } catch (e) {
    throw new Error(`parse ${quote(u)}: ${(e as Error).message}`);
  }
  try {
    return { ...url, fragment: unescape(frag, 'fragment') };
  } catch (e) {
    throw new Error(`parse ${quote(raw)}: ${(e as Error).message}`);
  }
}

/** url.URL.Hostname: the host without its port and IPv6 brackets. */
export function hostname(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']') >= 0 ? host.indexOf(']') : undefined);
  const colon = host.lastIndexOf(':');
  return colon >= 0 && /^:\d*$/.test(host.slice(colon)) ? host.slice(0, colon) : host;
}
