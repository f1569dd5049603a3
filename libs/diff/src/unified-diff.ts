/** Lines of context around each change in a unified diff. */
const CONTEXT = 3;
/** Above this many line pairs the diff falls back to replacing the whole text (keeps the LCS table small). */
const MAX_CELLS = 4_000_000;

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

function lcsOps(a: string[], b: string[]): Op[] {
  if (a.length * b.length > MAX_CELLS) {
    return [...a.map((line, i): Op => ({ kind: '-', line, a: i, b: 0 })), ...b.map((line, j): Op => ({ kind: '+', line, a: a.length, b: j }))];
  }
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] = a[i] === b[j] ? table[(i + 1) * width + j + 1] + 1 : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push({ kind: ' ', line: a[i], a: i++, b: j++ });
    else if (i < a.length && (j === b.length || table[(i + 1) * width + j] >= table[i * width + j + 1])) ops.push({ kind: '-', line: a[i], a: i++, b: j });
    else ops.push({ kind: '+', line: b[j], a: i, b: j++ });
  }
  return ops;
}

const splitLines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

/**
 * A unified diff (`diff -u` format, three lines of context) from `before` to `after`; '' when they are equal.
 */
export function unifiedDiff(before: string, after: string, beforeName: string, afterName: string): string {
  if (before === after) return '';
  const ops = lcsOps(splitLines(before), splitLines(after));
  const changed = ops.map((op, k) => (op.kind !== ' ' ? k : -1)).filter((k) => k >= 0);
  const out = [`--- ${beforeName}`, `+++ ${afterName}`];
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, changed[k] - CONTEXT);
    let end = changed[k];
    while (k < changed.length && changed[k] <= end + 2 * CONTEXT) end = changed[k++];
    const hunk = ops.slice(start, Math.min(ops.length, end + CONTEXT + 1));
    const aLines = hunk.filter((o) => o.kind !== '+').length;
    const bLines = hunk.filter((o) => o.kind !== '-').length;
    const aStart = aLines === 0 ? hunk[0].a : hunk[0].a + 1;
    const bStart = bLines === 0 ? hunk[0].b : hunk[0].b + 1;
    out.push(`@@ -${aStart},${aLines} +${bStart},${bLines} @@`, ...hunk.map((o) => o.kind + o.line));
  }
  return out.join('\n') + '\n';
}
