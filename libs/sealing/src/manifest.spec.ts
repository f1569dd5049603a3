import { formatObject, OutputFormat, parseObjects, parseOutputFormat, parseSingleObject } from './manifest';

describe('manifests', () => {
  it('reads JSON, YAML and multi-document YAML', () => {
    expect(parseObjects('{"kind":"Secret"}')).toEqual([{ kind: 'Secret' }]);
    expect(parseObjects('---\nkind: A\n---\n---\nkind: B\n')).toEqual([{ kind: 'A' }, { kind: 'B' }]);
    expect(parseObjects('  ')).toEqual([]);
  });

  it('reports a parse error by line, never quoting the input', () => {
    const broken = () => parseObjects('kind: Secret\ndata:\n  password: [hunter2\n');
    expect(broken).toThrow(/^failed to parse the input at line \d+: not valid YAML or JSON$/);
    expect(broken).not.toThrow(/hunter2/);
    expect(() => parseSingleObject('kind: Secret', 'SealedSecret')).toThrow('expected a SealedSecret, got a Secret');
  });

  it('reads YAML and JSON as kubeseal does, through Go YAML 1.1 (found by the sealing fuzzer)', () => {
    expect(parseObjects('metadata:\n  name: y\nstringData:\n  enabled: yes\n  n: 0x1F\n  ratio: 1e3\n')).toEqual([
      { metadata: { name: true }, stringData: { enabled: true, false: 31, ratio: 1000 } },
    ]);
    expect(parseObjects('{"a": 12, "b": 1.5}{"c": "d"}')).toEqual([{ a: 12, b: 1.5 }, { c: 'd' }]);
  });

  it('prints YAML that Go reads back as printed: strings like y, on, 0777 quoted (found by the sealing fuzzer)', () => {
    const object = { metadata: { name: 'y', namespace: 'n' }, spec: { encryptedData: { on: 'AgB=', yes: '0777', '1e3': '~' } } };
    expect(parseObjects(formatObject(object, OutputFormat.Yaml))).toEqual([object]);
  });

  it('formats as kubeseal prints', () => {
    expect(formatObject({ a: 1 }, OutputFormat.Json)).toBe('{\n  "a": 1\n}\n');
    expect(formatObject({ a: 1 }, OutputFormat.Yaml)).toBe('---\na: 1\n');
    expect(parseOutputFormat(undefined)).toBe('json');
    expect(() => parseOutputFormat('xml')).toThrow('unsupported output format: xml');
  });
});
