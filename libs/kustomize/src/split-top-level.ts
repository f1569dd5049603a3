/** Options of {@link splitTopLevel}. */
export interface SplitOptions {
  /** The one-character separator. */
  separator: string;
  /** The brackets inside which separators do not split (`[` and `]`, `(` and `)`). */
  open: string;
  close: string;
  /** Whether a backslash before the separator makes it a literal character (`a\.b` is one field). */
  escapable?: boolean;
}

/** Splits `s` at every separator outside brackets; every part is returned, empty ones too. */
export function splitTopLevel(s: string, o: SplitOptions): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (o.escapable && ch === '\\' && s[i + 1] === o.separator) {
      cur += o.separator;
      i++;
      continue;
    }
    if (ch === o.open) depth++;
    if (ch === o.close) depth--;
    if (ch === o.separator && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
