/** A minimal DER encoder: just what a self-signed X.509 certificate needs. */

/** ASN.1 universal tags used by the certificate builder. */
export const Asn1Tag = {
  Boolean: 0x01,
  Integer: 0x02,
  BitString: 0x03,
  OctetString: 0x04,
  Null: 0x05,
  Oid: 0x06,
  Utf8String: 0x0c,
  PrintableString: 0x13,
  UtcTime: 0x17,
  GeneralizedTime: 0x18,
  Sequence: 0x30,
  Set: 0x31,
} as const;

/** Encodes one tag-length-value. */
export function tlv(tag: number, content: Uint8Array): Buffer {
  const length = content.length;
  let header: number[];
  if (length < 0x80) header = [tag, length];
  else {
    const bytes: number[] = [];
    for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
    header = [tag, 0x80 | bytes.length, ...bytes];
  }
  return Buffer.concat([Buffer.from(header), content]);
}

/** A SEQUENCE of already-encoded elements. */
export const sequence = (...items: Uint8Array[]): Buffer => tlv(Asn1Tag.Sequence, Buffer.concat(items));
/** A SET of already-encoded elements (callers pass them in DER order). */
export const set = (...items: Uint8Array[]): Buffer => tlv(Asn1Tag.Set, Buffer.concat(items));
/** A context-specific, constructed, explicit tag `[n]`. */
export const explicit = (n: number, inner: Uint8Array): Buffer => tlv(0xa0 | n, inner);

/** A non-negative INTEGER from big-endian magnitude bytes (leading zeros trimmed, a 0x00 added when needed). */
export function unsignedInteger(magnitude: Uint8Array): Buffer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  let bytes = Buffer.from(magnitude.subarray(start));
  if (bytes.length === 0) bytes = Buffer.from([0]);
  if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(Asn1Tag.Integer, bytes);
}

/** An OBJECT IDENTIFIER from its dotted form. */
export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [arcs[0] * 40 + arcs[1]];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [arc & 0x7f];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) chunk.unshift((n & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(Asn1Tag.Oid, Buffer.from(out));
}

/** A BIT STRING with no unused bits. */
export const bitString = (bytes: Uint8Array): Buffer => tlv(Asn1Tag.BitString, Buffer.concat([Buffer.from([0]), bytes]));
/** An OCTET STRING. */
export const octetString = (bytes: Uint8Array): Buffer => tlv(Asn1Tag.OctetString, bytes);
/** BOOLEAN TRUE. */
export const booleanTrue = (): Buffer => tlv(Asn1Tag.Boolean, Buffer.from([0xff]));
/** NULL. */
export const asn1Null = (): Buffer => tlv(Asn1Tag.Null, Buffer.alloc(0));

/** A time as X.509 wants it: UTCTime for 1950–2049, GeneralizedTime otherwise (RFC 5280 §4.1.2.5). */
export function x509Time(date: Date): Buffer {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  const year = date.getUTCFullYear();
  if (year >= 1950 && year < 2050) return tlv(Asn1Tag.UtcTime, Buffer.from(`${digits.slice(2)}Z`, 'ascii'));
  return tlv(Asn1Tag.GeneralizedTime, Buffer.from(`${digits}Z`, 'ascii'));
}

/** A distinguished name holding only a common name; the empty name is an empty SEQUENCE, as Go writes it. */
export function commonNameDn(cn: string): Buffer {
  if (cn === '') return sequence();
  const printable = /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(cn);
  const value = tlv(printable ? Asn1Tag.PrintableString : Asn1Tag.Utf8String, Buffer.from(cn, 'utf8'));
  return sequence(set(sequence(oid('2.5.4.3'), value)));
}
