/** Where kustomize's generators break a base64 value: 70 characters a line. */
const LINE_LENGTH = 70;

/**
 * Base64 as kustomize's generators write a Secret's `data` value or a ConfigMap's `binaryData` value (kyaml's
 * encodeBase64): once the encoding reaches 70 characters (a value of 52 bytes or more), it is cut into lines of 70,
 * each ending in a newline, the last one included. The newlines are part of the value — kustomize prints it as a
 * literal block and hashes it with them — so the name suffix depends on them too.
 */
export function encodeBase64Lines(bytes: Uint8Array): string {
  const encoded = Buffer.from(bytes).toString('base64');
  if (encoded.length < LINE_LENGTH) return encoded;
  let out = '';
  for (let i = 0; i < encoded.length; i += LINE_LENGTH) out += `${encoded.slice(i, i + LINE_LENGTH)}\n`;
  return out;
}
