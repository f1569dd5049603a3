/**
 * kustomize prints its output through sigs.k8s.io/yaml's JSONToYAML, which reads the JSON text back with yaml.v2: Go's
 * JSON leaves U+0085 (NEL) unescaped inside strings, and yaml.v2 takes it as a line break of a double-quoted scalar and
 * folds it (with the spaces around it): one NEL becomes a space, n in a row n-1 newlines ("\u0085!" prints " !").
 */
function foldNextLines(s: string): string {
  if (!s.includes('\u0085')) return s;
  return s.replace(/ *(?:\u0085 *)+/g, (run) => {
    const breaks = run.split('\u0085').length - 1;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}

/** A copy of an output object with every string (keys too) as kustomize's printing leaves it. */
export function foldOutputNextLines<T>(value: T): T {
  if (typeof value === 'string') return foldNextLines(value) as T;
  if (Array.isArray(value)) return value.map(foldOutputNextLines) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [foldNextLines(k), foldOutputNextLines(v)])) as T;
}
