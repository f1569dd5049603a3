import { formatObject, OutputFormat, parseObjects, parseOutputFormat, parseSingleObject } from './manifest';

describe('manifests', () => {
  it('reads JSON, YAML and multi-document YAML', () => {
    expect(parseObjects('{"kind":"Secret"}')).toEqual([{ kind: 'Secret' }]);
    expect(parseObjects('---\nkind: A\n---\n---\nkind: B\n')).toEqual([{ kind: 'A' }, { kind: 'B' }]);
    expect(parseObjects('  ')).toEqual([]);
  });

  it('reports a parse error by line, never quoting the input', () => {
    expect(() => parseObjects('kind: Secret\ndata:\n  password: [hunter2\n')).toThrow(/^failed to parse the input at line \d+: [A-Z_]+$/);
    expect(() => parseSingleObject('kind: Secret', 'SealedSecret')).toThrow('expected a SealedSecret, got a Secret');
  });

  it('formats as kubeseal prints', () => {
    expect(formatObject({ a: 1 }, OutputFormat.Json)).toBe('{\n  "a": 1\n}\n');
    expect(formatObject({ a: 1 }, OutputFormat.Yaml)).toBe('---\na: 1\n');
    expect(parseOutputFormat(undefined)).toBe('json');
    expect(() => parseOutputFormat('xml')).toThrow('unsupported output format: xml');
  });
});
