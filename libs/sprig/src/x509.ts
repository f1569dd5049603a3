/**
 * X.509 certificates as Sprig's genCA / genSelfSignedCert / genSignedCert (and their WithKey forms) make them with
 * Go's crypto/x509: the same fields, extensions in Go's order and criticality, Go's key identifiers, signed with
 * node:crypto. Certificates are random (serial, key, time), so tests check their structure, not their bytes.
 */
import { createHash, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { GoStruct, quote, sprint, type GoValue } from '@fjord/go-template';
import { bitString, children, der, explicit, integer, oid, pemDecode, pemEncode, readElement, seq, Tag } from './der';
import { isDsa, privateKeyPem, publicKeyDer, type PrivateKey } from './keys';

/** What a new certificate says about its subject. */
export interface CertificateRequest {
  cn: string;
  /** Template values: a list of IP address strings (or nil). */
  ips: GoValue;
  /** Template values: a list of DNS name strings (or nil). */
  dns: GoValue;
  days: number;
  isCA: boolean;
}

/** The CA that signs a certificate: the parts of its certificate Go reads, and its key. */
export interface Signer {
  subject: Buffer;
  subjectKeyId?: Buffer;
  publicKey: Buffer;
  key: PrivateKey;
}

/** A certificate and key as Sprig returns them (fields Cert and Key). */
export const certificateValue = (cert: string, key: string): GoStruct => new GoStruct('sprig.certificate', { Cert: cert, Key: key });

const OID = {
  commonName: '2.5.4.3',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

const listOf = (v: GoValue): GoValue[] => (v === null || v === undefined ? [] : Array.isArray(v) ? (v as GoValue[]) : [v]);

/** Go's net.ParseIP of a dotted IPv4 address: four decimal parts up to 255, no leading zeros. */
function ipv4Bytes(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255)) return undefined;
  return parts.map(Number);
}

/** Go's net.ParseIP of an IPv6 address (`::` once, an IPv4 tail allowed, no zone) as 16 bytes. */
function ipv6Bytes(s: string): number[] | undefined {
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (t: string): number[] | undefined => {
    if (t === '') return [];
    const out: number[] = [];
    const parts = t.split(':');
    for (const [i, g] of parts.entries()) {
      if (i === parts.length - 1 && g.includes('.')) {
        const v4 = ipv4Bytes(g);
        if (!v4) return undefined;
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) out.push(parseInt(g, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const fill = 8 - head.length - tail.length;
  if (halves.length === 2 ? fill < 1 : fill !== 0) return undefined;
  return [...head, ...Array<number>(fill).fill(0), ...tail].flatMap((g) => [g >> 8, g & 0xff]);
}

/** An IP address as Go's x509 encodes it: IPv4 (also written IPv4-mapped) in 4 bytes, IPv6 in 16. */
function ipBytes(s: string): Buffer | undefined {
  const v4 = ipv4Bytes(s);
  if (v4) return Buffer.from(v4);
  const v6 = ipv6Bytes(s);
  if (!v6) return undefined;
  const mapped = v6.slice(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff;
  return Buffer.from(mapped ? v6.slice(12) : v6);
}

function netIPs(ips: GoValue): Buffer[] {
  return listOf(ips).map((ip) => {
    if (typeof ip !== 'string') throw new Error(`error parsing ip: ${sprint([ip])} is not a string`);
    const b = ipBytes(ip);
    if (!b) throw new Error(`error parsing ip: ${ip}`);
    return b;
  });
}

function dnsNames(dns: GoValue): string[] {
  return listOf(dns).map((d) => {
    if (typeof d !== 'string') throw new Error(`error processing alternate dns name: ${sprint([d])} is not a string`);
    return d;
  });
}

/** A string as Go's asn1 marshals one without a declared type: PrintableString when it can, else UTF8String. */
function directoryString(s: string): Buffer {
  const printable = /^[A-Za-z0-9'()+,\-./:=? ]*$/.test(s);
  return der(printable ? Tag.printableString : Tag.utf8String, Buffer.from(s, 'utf8'));
}

/** pkix.Name{CommonName: cn} as an RDNSequence (empty when cn is). */
const subjectName = (cn: string): Buffer => (cn ? seq(der(Tag.set, seq(oid(OID.commonName), directoryString(cn)))) : seq());

/** UTCTime until 2049, GeneralizedTime after, as Go's x509 writes validity. */
function asn1Time(t: Date): Buffer {
  const iso = t.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  const year = t.getUTCFullYear();
  return year >= 1950 && year < 2050 ? der(Tag.utcTime, Buffer.from(iso.slice(2))) : der(Tag.generalizedTime, Buffer.from(iso));
}

const extension = (id: string, critical: boolean, value: Buffer): Buffer =>
  seq(oid(id), ...(critical ? [der(Tag.boolean, Buffer.from([0xff]))] : []), der(Tag.octetString, value));

/** The subjectPublicKey bit string's bytes of a SubjectPublicKeyInfo. */
const subjectPublicKeyBits = (spki: Buffer): Buffer => children(readElement(spki).contents)[1].contents.subarray(1);

/** Go's generated SubjectKeyId (RFC 7093 method 1, Go ≥ 1.25): the first 160 bits of SHA-256 of the key bits. */
const keyId = (spki: Buffer): Buffer => createHash('sha256').update(subjectPublicKeyBits(spki)).digest().subarray(0, 20);

/** The signature algorithm Go's x509 picks for a key, or Go's error. */
function signingParams(key: PrivateKey): { algorithm: Buffer; hash: string | null } {
  if (isDsa(key) || key.asymmetricKeyType === 'x25519') throw new Error('x509: certificate private key does not implement crypto.Signer');
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { algorithm: seq(oid('1.2.840.113549.1.1.11'), der(Tag.null)), hash: 'sha256' };
    case 'ed25519':
      return { algorithm: seq(oid('1.3.101.112')), hash: null };
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      const byCurve: Record<string, [string, string]> = {
        prime256v1: ['1.2.840.10045.4.3.2', 'sha256'],
        secp384r1: ['1.2.840.10045.4.3.3', 'sha384'],
        secp521r1: ['1.2.840.10045.4.3.4', 'sha512'],
      };
      const params = byCurve[curve ?? ''];
      if (!params) throw new Error('x509: unknown elliptic curve');
      return { algorithm: seq(oid(params[0])), hash: params[1] };
    }
    default:
      throw new Error(`x509: unsupported private key type: ${key.asymmetricKeyType}`);
  }
}

function extensions(req: CertificateRequest, ips: Buffer[], dns: string[], ski: Buffer | undefined, aki: Buffer | undefined): Buffer {
  // KeyUsage bits 0 (digitalSignature), 2 (keyEncipherment), 5 (keyCertSign), trailing zero bits dropped.
  const keyUsage = req.isCA ? Buffer.from([2, 0xa4]) : Buffer.from([5, 0xa0]);
  const exts = [
    extension(OID.keyUsage, true, der(Tag.bitString, keyUsage)),
    extension(OID.extKeyUsage, false, seq(oid(OID.serverAuth), oid(OID.clientAuth))),
    extension(OID.basicConstraints, true, req.isCA ? seq(der(Tag.boolean, Buffer.from([0xff]))) : seq()),
  ];
  if (ski) exts.push(extension(OID.subjectKeyId, false, der(Tag.octetString, ski)));
  if (aki) exts.push(extension(OID.authorityKeyId, false, seq(der(0x80, aki))));
  if (dns.length || ips.length) {
    const names = [...dns.map((d) => der(0x82, Buffer.from(d))), ...ips.map((ip) => der(0x87, ip))];
    exts.push(extension(OID.subjectAltName, req.cn === '', seq(...names)));
  }
  return explicit(3, seq(...exts));
}

/**
 * Creates and signs a certificate for `key` (self-signed without `signer`), returning Sprig's certificate value
 * with the key re-encoded as Sprig does. Errors read as Sprig's.
 */
export function createCertificate(req: CertificateRequest, key: PrivateKey, signer?: Signer): GoStruct {
  const ips = netIPs(req.ips);
  const dns = dnsNames(req.dns);
  const signingKey = signer?.key ?? key;
  const fail = (e: unknown): never => {
    throw new Error(`error creating certificate: ${(e as Error).message}`);
  };
  let params: ReturnType<typeof signingParams> = { algorithm: Buffer.alloc(0), hash: null };
  let spki: Buffer = Buffer.alloc(0);
  try {
    params = signingParams(signingKey);
    if (isDsa(key)) throw new Error('x509: unsupported public key type: *dsa.PublicKey');
    spki = publicKeyDer(key);
    if (signer && !publicKeyDer(signingKey as KeyObject).equals(signer.publicKey))
      throw new Error("x509: provided PrivateKey doesn't match parent's PublicKey");
    for (const name of dns) {
      if (/[^\x00-\x7f]/.test(name)) throw new Error(`x509: ${quote(name)} cannot be encoded as an IA5String`);
    }
  } catch (e) {
    fail(e);
  }
  const subject = subjectName(req.cn);
  const issuer = signer?.subject ?? subject;
  const ski = req.isCA ? keyId(spki) : undefined;
  const aki = signer && !issuer.equals(subject) ? signer.subjectKeyId : undefined;
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const notAfter = new Date(now.getTime() + req.days * 24 * 3600 * 1000);
  const tbs = seq(
    explicit(0, integer(2n)),
    integer(BigInt('0x' + randomBytes(16).toString('hex'))),
    params.algorithm,
    issuer,
    seq(asn1Time(now), asn1Time(notAfter)),
    subject,
    spki,
    extensions(req, ips, dns, ski, aki),
  );
  const signature = sign(params.hash, tbs, signingKey as KeyObject);
  const cert = seq(tbs, params.algorithm, bitString(signature));
  return certificateValue(pemEncode('CERTIFICATE', cert), privateKeyPem(key));
}

/** The DER of a PEM certificate Go's x509.ParseCertificate accepts; errors name the field as Sprig's do. */
export function decodeCertificate(pem: string, field: string): Buffer {
  const block = pemDecode(pem);
  if (!block) throw new Error('unable to decode certificate');
  try {
    new X509Certificate(block.bytes);
  } catch {
    throw new Error(`error parsing certificate: ${field}: x509: malformed certificate`);
  }
  return block.bytes;
}

/** The parts of a CA's PEM certificate that signing with it needs (subject, key identifier, public key). */
export function parseSignerCertificate(pem: string): Omit<Signer, 'key'> {
  const tbs = children(children(readElement(decodeCertificate(pem, 'decodedSignerCert.Bytes')).contents)[0].contents);
  const fields = tbs[0].tag === 0xa0 ? tbs.slice(1) : tbs;
  const [, , , , subject, spki, ...rest] = fields;
  let subjectKeyId: Buffer | undefined;
  const exts = rest.find((e) => e.tag === 0xa3);
  for (const ext of exts ? children(children(exts.contents)[0].contents) : []) {
    const [id, ...more] = children(ext.contents);
    if (id.raw.equals(oid(OID.subjectKeyId))) subjectKeyId = readElement(more[more.length - 1].contents).contents;
  }
  return { subject: subject.raw, subjectKeyId, publicKey: spki.raw };
}
