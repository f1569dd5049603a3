/** Where in the source a problem is: the repository-relative file, and line/field when known. */
export interface SourceLocation {
  file?: string;
  line?: number;
  column?: number;
  /** A dotted field path inside the file, e.g. `patches[2].target.kind`. */
  field?: string;
}

/**
 * Bad input found while reading or rendering a source (a broken manifest, a missing file, a path outside the
 * repository). Renderers throw it; the repo-server turns it into INVALID_ARGUMENT with this message.
 */
export class SourceError extends Error {
  override name = 'SourceError';
  readonly location: SourceLocation;

  constructor(detail: string, location: SourceLocation = {}, options?: { cause?: unknown }) {
    super(formatLocation(location) + detail, options);
    this.location = location;
  }
}

/** `file:line:column: field: ` prefix of a SourceError message (the parts that are known). */
export function formatLocation(loc: SourceLocation): string {
  let out = '';
  if (loc.file) out += loc.file + (loc.line ? `:${loc.line}${loc.column ? `:${loc.column}` : ''}` : '') + ': ';
  if (loc.field) out += `${loc.field}: `;
  return out;
}
