/**
 * Just enough ASN.1 DER to build the X.509 certificates and DSA keys Sprig makes (Go's crypto/x509 and encoding/asn1
 * do this in Sprig); node:crypto signs and parses keys but does not build certificates.
 */

/** A DER element: tag byte and contents. */
export interface DerElement {
  tag: number;
  contents: Buffer;
  /** The whole encoding (tag, length, contents). */
  raw: Buffer;
}

/** Tags used here. */
export const Tag = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

function lengthBytes(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One element from its tag and contents. */
export const der = (tag: number, ...contents: Buffer[]): Buffer => {
  const body = Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), lengthBytes(body.length), body]);
};

/** A SEQUENCE of already encoded elements. */
export const seq = (...items: Buffer[]): Buffer => der(Tag.sequence, ...items);

/** A context-specific constructed (EXPLICIT) tag `[n]`. */
export const explicit = (n: number, inner: Buffer): Buffer => der(0xa0 | n, inner);

/** An INTEGER from a non-negative bigint, minimally encoded. */
export function integer(n: bigint): Buffer {
  let hex = n.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  let bytes = Buffer.from(hex, 'hex');
  if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return der(Tag.integer, bytes);
}

/** An OBJECT IDENTIFIER from its dotted form. */
export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out = [40 * parts[0] + parts[1]];
  for (const p of parts.slice(2)) {
    const chunk = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return der(Tag.oid, Buffer.from(out));
}

/** A BIT STRING of whole bytes. */
export const bitString = (bytes: Buffer): Buffer => der(Tag.bitString, Buffer.from([0]), bytes);

/** An INTEGER's value as a non-negative bigint. */
export const toBigInt = (contents: Buffer): bigint => (contents.length ? BigInt('0x' + contents.toString('hex')) : 0n);

/** Reads one element at `offset`; throws on truncated input. */
export function readElement(buf: Buffer, offset = 0): DerElement & { end: number } {
  if (offset + 2 > buf.length) throw new Error('asn1: syntax error: data truncated');
  const tag = buf[offset];
  let len = buf[offset + 1];
  let start = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || start + n > buf.length) throw new Error('asn1: syntax error: bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[start + i];
    start += n;
  }
  const end = start + len;
  if (end > buf.length) throw new Error('asn1: syntax error: data truncated');
  return { tag, contents: buf.subarray(start, end), raw: buf.subarray(offset, end), end };
}

/** The elements inside a constructed element's contents. */
export function children(contents: Buffer): DerElement[] {
  const out: DerElement[] = [];
  for (let off = 0; off < contents.length;) {
    const e = readElement(contents, off);
    out.push(e);
    off = e.end;
  }
  return out;
}

/** PEM text as Go's encoding/pem writes it: 64-character lines, LF endings. */
export function pemEncode(type: string, bytes: Buffer): string {
  const b64 = bytes.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN ${type}-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END ${type}-----\n`;
}

/** The first PEM block of a text (as Go's pem.Decode: text before it is skipped), or undefined. */
export function pemDecode(text: string): { type: string; bytes: Buffer } | undefined {
  const re = /(?:^|\n)-----BEGIN ([^\n]*?)-----[ \t\r]*\n([\s\S]*?)-----END ([^\n]*?)-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] !== m[3]) continue;
    const body = m[2]
      .split('\n')
      .filter((l) => !l.includes(':'))
      .join('')
      .replace(/\s/g, '');
    if (/[^A-Za-z0-9+/=]/.test(body) || body.length % 4 !== 0) continue;
    return { type: m[1], bytes: Buffer.from(body, 'base64') };
  }
  return undefined;
}
