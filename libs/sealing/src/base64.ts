import { SealingError, SealingErrorReason } from './errors';

const STD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes standard, padded base64 as Go's `base64.StdEncoding` does (newlines are skipped; URL-safe or unpadded
 * input is an error). Node's own decoder silently accepts both, which would hide malformed ciphertexts.
 */
export function decodeStdBase64(text: string): Buffer {
  const compact = text.replace(/[\r\n]/g, '');
  if (!STD_BASE64.test(compact)) {
    const bad = compact.search(/[^A-Za-z0-9+/=]/);
    const at = bad >= 0 ? bad : Math.max(0, compact.length - (compact.length % 4 || 4));
    throw new SealingError(SealingErrorReason.InvalidBase64, `illegal base64 data at input byte ${at}`);
  }
  return Buffer.from(compact, 'base64');
}

/** Encodes bytes as standard, padded base64. */
export function encodeStdBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
