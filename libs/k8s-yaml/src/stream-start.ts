/**
 * How go-yaml v2 starts a stream, where it is stricter than the `yaml` package: directives (`%YAML 1.1`) must be
 * followed by a `---` document start, and a `...` document end cannot come before any document.
 */
import type { CST } from 'yaml';

/** The error go-yaml gives at the start of the stream, if any (message and offset). */
export function streamStartError(tokens: readonly CST.Token[]): { message: string; offset: number } | undefined {
  const meaningful = tokens.filter((t) => t.type !== 'comment' && t.type !== 'newline' && t.type !== 'space' && t.type !== 'byte-order-mark');
  const first = meaningful[0];
  if (!first) return undefined;
  if (first.type === 'directive') {
    const doc = meaningful.find((t) => t.type !== 'directive');
    if (doc?.type !== 'document' || !doc.start.some((s: CST.SourceToken) => s.type === 'doc-start')) {
      return { message: 'did not find expected <document start>', offset: first.offset };
    }
  }
  const bare = first.type === 'document' && first.start.every((s: CST.SourceToken) => s.type === 'space' || s.type === 'comment' || s.type === 'newline');
  if (first.type === 'document' && bare && !first.value && meaningful[1]?.type === 'doc-end') {
    return { message: 'did not find expected node content', offset: meaningful[1].offset };
  }
  return undefined;
}
