import { createHash, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { asn1Null, bitString, booleanTrue, commonNameDn, explicit, octetString, oid, sequence, tlv, unsignedInteger, x509Time } from './der';
import { SealingError, SealingErrorReason } from './errors';

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const KEY_USAGE = '2.5.29.15';
const BASIC_CONSTRAINTS = '2.5.29.19';
const SUBJECT_KEY_ID = '2.5.29.14';

/** What {@link selfSignedCertificate} needs. */
export interface SelfSignedCertificateOptions {
  privateKey: KeyObject;
  publicKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  /** Subject and issuer common name; upstream's default is empty, giving an empty DN. */
  commonName?: string;
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? sequence(oid(id), booleanTrue(), octetString(value)) : sequence(oid(id), octetString(value));
}

/**
 * Issues the certificate upstream's controller issues for a sealing key: self-signed, X.509 v3, a random
 * 128-bit serial, key usage "encipher only" (critical), basic constraints CA (critical), a SHA-1 subject key id,
 * signed with sha256WithRSAEncryption. Returns PEM.
 */
export function selfSignedCertificate(options: SelfSignedCertificateOptions): string {
  const algorithm = sequence(oid(SHA256_WITH_RSA), asn1Null());
  const name = commonNameDn(options.commonName ?? '');
  const spki = options.publicKey.export({ type: 'spki', format: 'der' });
  const rsaPublicKey = options.publicKey.export({ type: 'pkcs1', format: 'der' });
  const serial = randomBytes(16);
  const tbs = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))),
    unsignedInteger(serial.every((b) => b === 0) ? Buffer.from([1]) : serial),
    algorithm,
    name,
    sequence(x509Time(options.notBefore), x509Time(options.notAfter)),
    name,
    spki,
    explicit(
      3,
      sequence(
        // KeyUsageEncipherOnly is bit 7: one content byte 0x01, no unused bits (as Go encodes it).
        extension(KEY_USAGE, true, tlv(0x03, Buffer.from([0x00, 0x01]))),
        extension(BASIC_CONSTRAINTS, true, sequence(booleanTrue())),
        extension(SUBJECT_KEY_ID, false, octetString(createHash('sha1').update(rsaPublicKey).digest())),
      ),
    ),
  );
  const signature = sign('sha256', tbs, options.privateKey);
  const der = sequence(tbs, algorithm, bitString(signature));
  const body = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

/** A parsed sealing certificate: its RSA public key and validity. */
export interface SealingCertificate {
  publicKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  /** The PEM of the first certificate. */
  pem: string;
}

/** Parses the first CERTIFICATE block of a PEM bundle; the key must be RSA (as kubeseal requires). */
export function parseCertificate(pem: string | Uint8Array): SealingCertificate {
  const text = typeof pem === 'string' ? pem : Buffer.from(pem).toString('utf8');
  const block = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(text)?.[0];
  if (!block) throw new SealingError(SealingErrorReason.InvalidInput, 'failed to read the certificate: no CERTIFICATE PEM block found');
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(block);
  } catch (err) {
    throw new SealingError(SealingErrorReason.InvalidInput, `failed to parse the certificate: ${(err as Error).message}`);
  }
  if (cert.publicKey.asymmetricKeyType !== 'rsa') {
    throw new SealingError(SealingErrorReason.InvalidInput, 'failed to use the certificate: expected an RSA public key');
  }
  return { publicKey: cert.publicKey, notBefore: new Date(cert.validFrom), notAfter: new Date(cert.validTo), pem: `${block}\n` };
}

/** Throws `CertificateExpired` (kubeseal's message) when the certificate is no longer valid at `now`. */
export function assertNotExpired(cert: SealingCertificate, now: Date): void {
  if (cert.notAfter.getTime() < now.getTime()) {
    throw new SealingError(SealingErrorReason.CertificateExpired, `failed to encrypt using an expired certificate on ${cert.notAfter.toISOString()}`);
  }
}
