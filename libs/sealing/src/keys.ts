import { createHash, createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { parseCertificate, selfSignedCertificate } from './certificate';
import { SealingError, SealingErrorReason } from './errors';

/** Upstream's defaults for new sealing keys: RSA-4096, certificates valid ten years, empty common name. */
export const DEFAULT_KEY_BITS = 4096;
/** Ten years (upstream's `--key-ttl=87600h`). */
export const DEFAULT_CERT_TTL_MS = 87_600 * 3600 * 1000;

/** A sealing key pair with its certificate. The private key is a KeyObject so that it never prints. */
export interface SealingKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The self-signed certificate, PEM. */
  certificatePem: string;
  notBefore: Date;
  notAfter: Date;
  /** `SHA256:…` of the SSH wire form of the public key, as upstream names keys. */
  fingerprint: string;
}

/** Options of {@link generateSealingKey}; defaults are upstream's. */
export interface GenerateKeyOptions {
  bits?: number;
  ttlMs?: number;
  commonName?: string;
  now?: Date;
}

/** Generates an RSA key (e=65537) and its self-signed certificate, as upstream's controller does at start. */
export async function generateSealingKey(options: GenerateKeyOptions = {}): Promise<SealingKey> {
  const bits = options.bits ?? DEFAULT_KEY_BITS;
  const { privateKey, publicKey } = await new Promise<{ privateKey: KeyObject; publicKey: KeyObject }>((resolve, reject) =>
    generateKeyPair('rsa', { modulusLength: bits, publicExponent: 65537 }, (err, pub, priv) =>
      err ? reject(err) : resolve({ privateKey: priv, publicKey: pub }),
    ),
  );
  const notBefore = new Date(Math.floor((options.now ?? new Date()).getTime() / 1000) * 1000);
  const notAfter = new Date(notBefore.getTime() + (options.ttlMs ?? DEFAULT_CERT_TTL_MS));
  const certificatePem = selfSignedCertificate({ privateKey, publicKey, notBefore, notAfter, commonName: options.commonName });
  return { privateKey, publicKey, certificatePem, notBefore, notAfter, fingerprint: keyFingerprint(publicKey) };
}

/** Parses an RSA private key PEM (PKCS#1 or PKCS#8). The error never quotes the input. */
export function parsePrivateKey(pem: string | Uint8Array): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: Buffer.from(pem), format: 'pem' });
  } catch {
    throw new SealingError(SealingErrorReason.InvalidInput, 'failed to parse the private key: not a PEM private key');
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new SealingError(SealingErrorReason.InvalidInput, 'failed to use the private key: expected an RSA key');
  }
  return key;
}

/** Builds a SealingKey from a stored private key and certificate (a key Secret's tls.key and tls.crt). */
export function sealingKeyFromPem(privateKeyPem: string | Uint8Array, certificatePem: string | Uint8Array): SealingKey {
  const privateKey = parsePrivateKey(privateKeyPem);
  const cert = parseCertificate(certificatePem);
  const publicKey = createPublicKey(privateKey);
  if (!publicKey.equals(cert.publicKey)) {
    throw new SealingError(SealingErrorReason.InvalidInput, 'failed to load the key: the certificate does not match the private key');
  }
  return { privateKey, publicKey, certificatePem: cert.pem, notBefore: cert.notBefore, notAfter: cert.notAfter, fingerprint: keyFingerprint(publicKey) };
}

/** PKCS#1 PEM ("RSA PRIVATE KEY") of a private key, the form upstream stores in `tls.key`. */
export function privateKeyPem(key: KeyObject): string {
  return key.export({ type: 'pkcs1', format: 'pem' }).toString();
}

function sshString(bytes: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

function sshMpint(unsigned: Buffer): Buffer {
  let start = 0;
  while (start < unsigned.length && unsigned[start] === 0) start++;
  const trimmed = unsigned.subarray(start);
  return sshString(trimmed.length > 0 && trimmed[0] & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

/** `SHA256:<unpadded base64>` over the SSH wire form ("ssh-rsa", e, n) of an RSA public key. */
export function keyFingerprint(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  const wire = Buffer.concat([sshString(Buffer.from('ssh-rsa')), sshMpint(Buffer.from(jwk.e!, 'base64url')), sshMpint(Buffer.from(jwk.n!, 'base64url'))]);
  return `SHA256:${createHash('sha256').update(wire).digest('base64').replace(/=+$/, '')}`;
}
