/**
 * Fjord's one YAML reader: text in, the JSON value Go's Kubernetes tools see out. kubectl, Argo CD and Helm read YAML
 * with sigs.k8s.io/yaml (go-yaml v2, then a JSON round trip); a manifest, a values file or a chart file must mean the
 * same here as there, and fail where they fail, with the file and line.
 *
 * The `yaml` package does the syntax (with {@link relaxIndentation} for the flow collections and quoted scalars Go
 * reads at any indentation), composing every scalar as text; {@link decodeDocument} gives it Go's meaning.
 */
import { Composer, isCollection, isScalar, LineCounter, Parser, type Document } from 'yaml';
import { goBlockScalar } from './go-block-scalar';
import { DecodeError, decodeDocument, type JsonValue } from './go-decode';
import { goLexicalError } from './go-lexical';
import { followedByNothing, goRootEnd } from './go-root-end';
import { goFlowIndicators } from './flow-indicators';
import { ManifestError } from './manifest-error';
import { relaxIndentation } from './relax-indentation';
import { splitDocuments } from './split-documents';
import { streamStartError } from './stream-start';

export type { JsonValue } from './go-decode';

/** Options of {@link readYamlDocument} and {@link readYamlStream}. */
export interface ReadYamlOptions {
  /** The file the text came from, named in errors. */
  file: string;
  /** Keep integers as bigints, exact beyond 2^53 (for Chart.yaml, where Go turns an int into its decimal string). */
  intAsBigInt?: boolean;
  /** The 1-based line the text starts on in its file (a document of a stream), for errors. */
  firstLine?: number;
}

/** Syntax only: the failsafe schema keeps every scalar's text for Go's resolution; duplicate keys are Go's to settle. */
const SYNTAX = { version: '1.1', schema: 'failsafe', uniqueKeys: false, prettyErrors: false, keepSourceTokens: true } as const;

/** The first document of a text, composed, or an error at an offset. */
function firstDocument(text: string, lineCounter: LineCounter): Document.Parsed | { message: string; offset: number } | undefined {
  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  const early = streamStartError(tokens);
  if (early) return early;
  const composer = new Composer(SYNTAX);
  for (const doc of composer.compose(tokens, true)) return doc as Document.Parsed;
  // No document: an error outside of one (a stray `}`) is the stream's.
  const err = composer.streamInfo().errors[0];
  return err ? { message: err.message.split('\n')[0], offset: err.pos[0] } : undefined;
}

/**
 * go-yaml ends a document after its root node: what follows a root scalar or flow collection, or a line less
 * indented than a root block collection, is the next document, which YAMLToJSON never reads. So when the `yaml`
 * package finds errors only past such a root, they do not count: the offset where the root ends, if so.
 */
function rootEnd(doc: Document.Parsed, text: string): number | undefined {
  const root = doc.contents;
  if (!root?.range) return undefined;
  const block = isScalar(root) && (root.type === 'BLOCK_LITERAL' || root.type === 'BLOCK_FOLDED');
  const end = block ? blockEnd(text, root.range[0]) : root.range[1];
  if (end === undefined) return undefined;
  // An empty root without properties is no node at all: go-yaml fails on what follows.
  if (end === root.range[0] && !root.tag && !root.anchor) return undefined;
  if (!doc.errors.every((e) => e.pos[0] >= end)) return undefined;
  if (isScalar(root) || (isCollection(root) && root.flow)) return followedByNothing(text, root.range[0], end);
  const column = (offset: number) => offset - (text.lastIndexOf('\n', offset - 1) + 1);
  const next = /\S/.exec(text.slice(end).replace(/#.*$/gm, (c) => ' '.repeat(c.length)));
  return next && column(end + next.index) < column(root.range[0]) ? followedByNothing(text, root.range[0], end) : undefined;
}

/** Where go-yaml's scanner stops in a text: the next document marker after the first document's content. */
function scanEnd(text: string, doc: Document.Parsed | undefined): number {
  const from = Math.max(doc?.contents?.range?.[1] ?? 0, 0);
  const marker = /(^|\n)(---|\.\.\.)(\s|$)/.exec(text.slice(from));
  return marker ? from + marker.index + marker[1].length : text.length;
}

/** Where go-yaml ends a root block scalar (undefined if it refuses it). */
function blockEnd(text: string, at: number): number | undefined {
  try {
    return goBlockScalar(text, at, -1).end;
  } catch {
    return undefined;
  }
}

/**
 * `yaml` package errors in block scalars that go-yaml does not have (go-block-scalar reads the value again): no space
 * before a comment after the header (`|#`), and more-indented empty lines before a less indented comment.
 */
function goAccepts(error: { code: string; message: string; pos: [number, number] }, text: string): boolean {
  // The `yaml` package takes a less indented comment for content there; go-yaml ends the scalar before it.
  if (error.message.startsWith('Block scalars with more-indented leading empty lines') && text[error.pos[0]] === '#') return true;
  return error.code === 'MISSING_CHAR' && text[error.pos[0]] === '#' && /(^|\s)[|>][-+0-9]*$/.test(text.slice(0, error.pos[0]));
}

/**
 * Reads one YAML document as sigs.k8s.io/yaml's YAMLToJSON does (Helm's Chart.yaml, a rendered template, `fromYaml`):
 * null when it is empty. Only the first document of the text counts, as in Go.
 */
export function readYamlDocument(text: string, options: ReadYamlOptions): JsonValue {
  const lineCounter = new LineCounter();
  const relaxed = goFlowIndicators(relaxIndentation(text));
  const where = (offset: number): [number, number] => {
    const pos = lineCounter.linePos(offset);
    return [pos.line + (options.firstLine ?? 1) - 1, pos.col];
  };
  let doc = firstDocument(relaxed, lineCounter);
  if (doc && 'message' in doc) throw new ManifestError(options.file, doc.message, ...where(doc.offset));
  if (doc) doc.errors = doc.errors.filter((e) => !goAccepts(e, relaxed));
  const end = doc && doc.errors.length > 0 ? (rootEnd(doc, relaxed) ?? goRootEnd(relaxed)) : undefined;
  let scanned = scanEnd(relaxed, doc);
  if (end !== undefined) {
    const cut = firstDocument(relaxed.slice(0, end), new LineCounter());
    if (cut && !('message' in cut)) cut.errors = cut.errors.filter((e) => !goAccepts(e, relaxed));
    if (cut && !('message' in cut) && cut.errors.length === 0) [doc, scanned] = [cut, end];
  }
  // go-yaml's scanner reads up to the end of the first document (past it only to see where it ends).
  const lexical = goLexicalError(relaxed.slice(0, scanned + 1));
  if (lexical && lexical.offset < Math.max(scanned, 1)) throw new ManifestError(options.file, lexical.message, ...where(lexical.offset));
  if (!doc) return null;
  const err = doc.errors[0];
  if (err) throw new ManifestError(options.file, err.message.split('\n')[0], ...where(err.pos[0]));
  try {
    return decodeDocument(doc, relaxed, { intAsBigInt: options.intAsBigInt });
  } catch (e) {
    if (e instanceof DecodeError) throw new ManifestError(options.file, e.message, ...where(e.offset));
    throw e;
  }
}

/**
 * Reads a multi-document stream as kubectl and Helm's values loader do: split at `---` lines
 * (k8s.io/apimachinery's YAMLReader), then each document as {@link readYamlDocument}. Empty documents are null.
 */
export function readYamlStream(text: string, options: ReadYamlOptions): JsonValue[] {
  const base = (options.firstLine ?? 1) - 1;
  return splitDocuments(text, options.file).map((d) => readYamlDocument(d.text, { ...options, firstLine: base + d.line }));
}
