import type { KubeObject } from '@fjord/k8s-yaml';
import { chooseStyle, doubleQuoteEscape, formatNumber } from './yaml-scalar';

const BEST_WIDTH = 80;

/** Writes lines and tracks the column, like yaml.v2's emitter. */
class Writer {
  out = '';
  column = 0;

  write(s: string): void {
    this.out += s;
    const nl = s.lastIndexOf('\n');
    this.column = nl >= 0 ? s.length - nl - 1 : this.column + [...s].length;
  }

  newline(indent: number): void {
    this.out += `\n${' '.repeat(indent)}`;
    this.column = indent;
  }
}

/**
 * Prints objects as `kustomize build` does (sigs.k8s.io/yaml over yaml.v2): keys in yaml.v2 order, 2-space
 * indent, sequences not indented under their key, yaml.v2's quoting, literal blocks and 80-column folding,
 * documents separated by `---`.
 */
export function stringifyKustomizeOutput(objects: readonly KubeObject[]): string {
  return objects.map((o) => emitDocument(o)).join('---\n');
}

function emitDocument(value: unknown): string {
  const w = new Writer();
  if (isNonEmptyList(value)) emitSequence(w, value, 0, 'root');
  else if (isNonEmptyMap(value)) emitMapping(w, value, 0, 'root');
  else emitScalar(w, value, 0, false);
  return `${w.out}\n`;
}

type Place = 'root' | 'mapValue' | 'seqItem';

function isNonEmptyList(v: unknown): v is unknown[] {
  return Array.isArray(v) && v.length > 0;
}

function isNonEmptyMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0;
}

/** A block mapping whose keys sit at column `indent`; the first key follows a dash when it is a sequence item. */
function emitMapping(w: Writer, map: Record<string, unknown>, indent: number, place: Place): void {
  const keys = Object.keys(map).sort(yamlV2KeyCompare);
  keys.forEach((key, i) => {
    if (place === 'mapValue' || i > 0) w.newline(indent);
    emitScalar(w, key, indent + 2, true);
    w.write(':');
    const v = map[key];
    if (isNonEmptyList(v)) emitSequence(w, v, indent, 'mapValue');
    else if (isNonEmptyMap(v)) emitMapping(w, v, indent + 2, 'mapValue');
    else {
      w.write(' ');
      emitScalar(w, v, indent + 2, false);
    }
  });
}

/** A block sequence whose dashes sit at column `indent` (sequences are not indented under their key). */
function emitSequence(w: Writer, list: unknown[], indent: number, place: Place): void {
  list.forEach((item, i) => {
    if (place === 'mapValue' || i > 0) w.newline(indent);
    w.write('- ');
    if (isNonEmptyList(item)) emitSequence(w, item, indent + 2, 'seqItem');
    else if (isNonEmptyMap(item)) emitMapping(w, item, indent + 2, 'seqItem');
    else emitScalar(w, item, indent + 2, false);
  });
}

function emitScalar(w: Writer, value: unknown, indent: number, isKey: boolean): void {
  if (value === null || value === undefined) return w.write('null');
  if (typeof value === 'boolean') return w.write(value ? 'true' : 'false');
  if (typeof value === 'number') return w.write(formatNumber(value));
  if (Array.isArray(value)) return w.write('[]');
  if (typeof value === 'object') return w.write('{}');
  const s = String(value);
  switch (chooseStyle(s, isKey)) {
    case 'plain':
      return writePlain(w, s, indent, !isKey);
    case 'single':
      return writeSingle(w, s, indent, !isKey);
    case 'double':
      return writeDouble(w, s, indent, !isKey);
    case 'literal':
      return writeLiteral(w, s, indent);
  }
}

function writePlain(w: Writer, s: string, indent: number, allowBreaks: boolean): void {
  const chars = [...s];
  let spaces = false;
  chars.forEach((ch, i) => {
    if (ch === ' ') {
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && chars[i + 1] !== ' ') w.newline(indent);
      else w.write(ch);
      spaces = true;
    } else {
      w.write(ch);
      spaces = false;
    }
  });
}

function writeSingle(w: Writer, s: string, indent: number, allowBreaks: boolean): void {
  w.write("'");
  const chars = [...s];
  let spaces = false;
  chars.forEach((ch, i) => {
    if (ch === ' ') {
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ') w.newline(indent);
      else w.write(ch);
      spaces = true;
    } else {
      w.write(ch === "'" ? "''" : ch);
      spaces = false;
    }
  });
  w.write("'");
}

function writeDouble(w: Writer, s: string, indent: number, allowBreaks: boolean): void {
  w.write('"');
  const chars = [...s];
  let spaces = false;
  chars.forEach((ch, i) => {
    const esc = doubleQuoteEscape(ch);
    if (esc !== undefined) {
      w.write(esc);
      spaces = false;
    } else if (ch === ' ') {
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
        w.newline(indent);
        if (chars[i + 1] === ' ') w.write('\\');
      } else w.write(ch);
      spaces = true;
    } else {
      w.write(ch);
      spaces = false;
    }
  });
  w.write('"');
}

function writeLiteral(w: Writer, s: string, indent: number): void {
  let header = '|';
  if (s[0] === ' ' || s[0] === '\n') header += '2';
  if (!s.endsWith('\n')) header += '-';
  else if (s.length === 1 || s[s.length - 2] === '\n') header += '+';
  w.write(header);
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  for (const line of body.split('\n')) {
    if (line) w.newline(indent);
    else w.write('\n');
    w.write(line);
  }
}

const isDigit = (c: string): boolean => /\p{Nd}/u.test(c);
const isLetter = (c: string): boolean => /\p{L}/u.test(c);

/** yaml.v2's natural key order: letters before non-letters mostly, digit runs compared as numbers. */
export function yamlV2KeyCompare(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  let digits = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) {
      digits = isDigit(ar[i]);
      continue;
    }
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return codeCompare(ar[i], br[i]);
    if (al || bl) return (digits ? al : bl) ? -1 : 1;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return codeCompare(ar[i], br[i]);
  }
  return ar.length - br.length;
}

function codeCompare(a: string, b: string): number {
  return (a.codePointAt(0) ?? 0) - (b.codePointAt(0) ?? 0);
}
