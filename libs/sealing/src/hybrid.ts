import { constants, createCipheriv, createDecipheriv, privateDecrypt, publicEncrypt, randomBytes, type KeyObject } from 'node:crypto';
import { SealingError, SealingErrorReason } from './errors';

/** Bytes of the AES session key: one fresh AES-256 key per value. */
const SESSION_KEY_BYTES = 32;
/** GCM's nonce length; the nonce is all zeros because each session key encrypts exactly one value. */
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Message of a value no key decrypts (upstream's exact text). */
export const NO_KEY_COULD_DECRYPT = 'no key could decrypt secret';

/**
 * Encrypts one value in the Sealed Secrets hybrid format:
 * `uint16be(len(rsa)) || RSA-OAEP-SHA256(sessionKey, label) || AES-256-GCM(zero nonce, value) || tag`.
 */
export function hybridEncrypt(publicKey: KeyObject, plaintext: Uint8Array, label: Uint8Array): Buffer {
  const sessionKey = randomBytes(SESSION_KEY_BYTES);
  const wrapped = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: Buffer.from(label) }, sessionKey);
  const prefix = Buffer.alloc(2);
  prefix.writeUInt16BE(wrapped.length);
  const cipher = createCipheriv('aes-256-gcm', sessionKey, Buffer.alloc(NONCE_BYTES));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([prefix, wrapped, body, cipher.getAuthTag()]);
}

/** Decrypts with one key; throws on any failure (wrong key, wrong label, tampering). */
function decryptWith(privateKey: KeyObject, ciphertext: Buffer, label: Uint8Array): Buffer {
  const rsaLength = ciphertext.readUInt16BE(0);
  const wrapped = ciphertext.subarray(2, 2 + rsaLength);
  const sealed = ciphertext.subarray(2 + rsaLength);
  const sessionKey = privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: Buffer.from(label) }, wrapped);
  // Upstream accepts any AES key size the session key has, so we do too.
  const algorithm = ({ 16: 'aes-128-gcm', 24: 'aes-192-gcm', 32: 'aes-256-gcm' } as const)[sessionKey.length];
  if (!algorithm || sealed.length < TAG_BYTES) throw new Error('invalid session');
  const decipher = createDecipheriv(algorithm, sessionKey, Buffer.alloc(NONCE_BYTES));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
}

/**
 * Decrypts one value with the first of `privateKeys` that can, as upstream's controller does (a ciphertext carries
 * no key id). Throws a SealingError `CiphertextTooShort` or `DecryptFailed`; never says more about why.
 */
export function hybridDecrypt(privateKeys: readonly KeyObject[], ciphertext: Uint8Array, label: Uint8Array): Buffer {
  const ct = Buffer.from(ciphertext);
  if (ct.length < 2 || ct.length < ct.readUInt16BE(0) + 2) {
    // Upstream reports the generic message here too (each key fails with "too short"); the reason tells them apart.
    throw new SealingError(SealingErrorReason.CiphertextTooShort, NO_KEY_COULD_DECRYPT);
  }
  for (const key of privateKeys) {
    try {
      return decryptWith(key, ct, label);
    } catch {
      // try the next key
    }
  }
  throw new SealingError(SealingErrorReason.DecryptFailed, NO_KEY_COULD_DECRYPT);
}
