/**
 * Splits a multi-document text as k8s.io/apimachinery's YAMLReader does (under kubectl, Argo CD's plain directories
 * and Helm's values files): a line starting with `---` ends a document and is dropped (at the start of a document it
 * is kept); anything after it on the line but spaces and a comment is an error; a document is its lines, each ending in `\n` (a `\r` before it dropped).
 */
import { ManifestError } from './manifest-error';

/** One document of a stream and the 1-based line of the file it starts on. */
export interface StreamDocument {
  text: string;
  line: number;
}

/** The documents of a stream, empty ones (no line at all between two `---`) left out, as YAMLReader does. */
export function splitDocuments(text: string, file: string): StreamDocument[] {
  const lines = text.split('\n');
  // A final line break ends the last line; it does not start another. A `\r` is dropped only before a `\n`.
  const unterminated = lines.pop()!;
  if (unterminated !== '') lines.push(unterminated);
  const docs: StreamDocument[] = [];
  let buffer: string[] = [];
  let first = 1;
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') && (i < lines.length - 1 || unterminated === '') ? raw.slice(0, -1) : raw;
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest !== '' && !rest.startsWith('#')) throw new ManifestError(file, `invalid Yaml document separator: ${rest}`, i + 1);
      // A separator ends a document and is dropped; before any line of one, it is kept as its first line.
      if (buffer.length > 0) {
        docs.push({ text: buffer.join(''), line: first });
        buffer = [];
        first = i + 2;
        return;
      }
    }
    buffer.push(`${line}\n`);
  });
  if (buffer.length > 0) docs.push({ text: buffer.join(''), line: first });
  return docs;
}
