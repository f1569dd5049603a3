import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManifestError, readYamlDocument, readYamlStream, relaxIndentation } from './index';

const testdata = (name: string) => readFileSync(join(__dirname, '../testdata', name), 'utf8');

const LONG_KEY = 'k'.repeat(1030);

/** Reads a text as the Go oracle of the yaml fuzzer does: one document, or a `---` stream. */
const read = (mode: string, text: string) => (mode === 'doc' ? readYamlDocument(text, { file: 'x.yaml' }) : readYamlStream(text, { file: 'x.yaml' }));

// Each case is a class of difference the differential fuzzer (tools/fuzz, engine yaml) found between the `yaml`
// package and sigs.k8s.io/yaml; the expected values are what sigs.k8s.io/yaml v1.6.0's YAMLToJSON gives.
describe('readYamlDocument and readYamlStream read YAML as sigs.k8s.io/yaml does', () => {
  it.each([
    [
      "reads YAML 1.1 words and Go's integer syntax",
      'doc',
      'a: yes\nb: on\nc: N\nd: 0x1F\ne: 0o17\nf: 017\ng: 08\nh: 1_000\ni: +1\nj: 0b101\nk: 0b-1\nl: tRUE\n',
      { a: true, b: true, c: false, d: 31, e: 15, f: 15, g: 8, h: 1000, i: 1, j: 5, k: -1, l: 'tRUE' },
    ],
    [
      "reads floats only in YAML's decimal form, keeping overflowing ones as strings",
      'doc',
      'a: 1e3\nb: .5\nc: .1_0\nd: 1e400\ne: 1.\nf: 6.02e23\ng: .\nh: -.inf_\n',
      { a: 1000, b: 0.5, c: 0.1, d: '1e400', e: 1, f: 6.02e23, g: '.', h: '-.inf_' },
    ],
    [
      'keeps integers beyond int64 as uint64, and beyond that as floats',
      'doc',
      'a: 9223372036854775808\nb: 18446744073709551616\n',
      { a: 9223372036854776000, b: 18446744073709552000 },
    ],
    [
      'keeps timestamps and sexagesimal numbers as strings',
      'doc',
      'a: 2001-12-14\nb: 2001-12-14T21:59:43.10-05:00\nc: 1:20\n',
      { a: '2001-12-14', b: '2001-12-14T21:59:43.10-05:00', c: '1:20' },
    ],
    [
      'checks explicit tags against the text',
      'doc',
      'a: !!int "12"\nb: !!float 1\nc: !!str 12\nd: !custom 12\ne: ! 12\nf: !!binary aGk=\ng: !!null\n',
      { a: 12, b: 1, c: '12', d: '12', e: '12', f: 'hi', g: null },
    ],
    ['decodes !!binary into a string, each invalid UTF-8 byte a replacement character', 'doc', 'a: !!binary 1e+3\n', { a: '\ufffd\ufffd\ufffd' }],
    [
      'names float keys as Go prints a float32',
      'doc',
      '1.5: a\n1e3: b\n123456789.0: c\n0.00001: d\ntrue: e\n-0.0: f\n',
      { '1000': 'b', '-0': 'f', '1.2345679e+08': 'c', '1.5': 'a', '1e-05': 'd', true: 'e' },
    ],
    ['takes the last of duplicate keys', 'doc', 'a: 1\nb: 2\na: 3\n', { a: 3, b: 2 }],
    [
      'merges in place: a merge key overrides the keys before it, not after',
      'doc',
      'base: &b {x: 1, y: 2}\nm:\n  x: 0\n  <<: *b\n  y: 3\n',
      { base: { true: 2, x: 1 }, m: { true: 3, x: 1 } },
    ],
    [
      'merges a list of maps, earlier ones winning',
      'doc',
      'a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n',
      { a: { x: 1 }, b: { true: 2, x: 2 }, c: { true: 2, x: 1 } },
    ],
    [
      'reads flow collections whose lines are no deeper than their key (the minio chart)',
      'doc',
      'spec:\n  command: [ "/bin/sh",\n  "-ce",\n  "run it" ]\n  args: x\n',
      { spec: { args: 'x', command: ['/bin/sh', '-ce', 'run it'] } },
    ],
    ['reads quoted scalars whose lines are no deeper than their key', 'doc', 'a: "foo\nbar"\nb: \'c\nd\'\n', { a: 'foo bar', b: 'c d' }],
    ['ends a block scalar without a final line break where the text ends', 'doc', 'a: |\n  x', { a: 'x' }],
    ["takes a line of spaces deeper than a block scalar's content as content", 'doc', 'a:\n  b: >1\n     \n\n  # note\n', { a: { b: '  \n' } }],
    ['takes a comment right after a block scalar header', 'doc', 'a: |# note\n  x\n', { a: 'x\n' }],
    ['reads a dash or a trailing colon before a flow indicator as a plain scalar', 'doc', 'a: {b: -, c: [-, x:]}\n', { a: { b: '-', c: ['-', 'x:'] } }],
    ['reads a question mark before a word in a flow collection as a key indicator', 'doc', 'a: [?b]\nc: {?d: 1}\n', { a: [{ b: null }], c: { d: 1 } }],
    ["takes a tab after a key's colon", 'doc', 'a:\tb\n', { a: 'b' }],
    ['takes tabs on the blank lines after a plain scalar', 'doc', 'a\n \t\n', 'a'],
    [
      'reads a lone question mark before a colon in a flow mapping as an empty key (dropped here by a later key)',
      'doc',
      'on: {?: a}\non: yes\n',
      { true: true },
    ],
    ['reads only the first document', 'doc', 'a: 1\n---\nb: [\n', { a: 1 }],
    ['stops after a root flow collection, as go-yaml does', 'doc', '{a: 1}\n{b: 2}\n', { a: 1 }],
    ['stops after a root block mapping at a less indented line', 'doc', ' a: 1\nb: 2: 3\n', { a: 1 }],
    ['keeps a leading separator in the document it starts', 'stream', '---\n---\n# c\n', [null, null]],
    ['reads each document alone', 'stream', 'a: 1\n---\nb: 2\n...\n---\nc: 3\n', [{ a: 1 }, { b: 2 }, { c: 3 }]],
  ] as [string, string, string, unknown][])('%s', (_name, mode, text, expected) => {
    expect(read(mode, text)).toEqual(expected);
  });

  it.each([
    ['refuses a tag that does not fit the text', 'doc', 'a: !!int abc\n', 'x.yaml:1:10: cannot decode !!str `abc` as a !!int'],
    ['refuses a uint64 tagged as a float', 'doc', 'a: !!float 18446744073709551615\n', 'x.yaml:1:12: cannot decode !!int `18446744073709551615` as a !!float'],
    ['refuses a null key', 'doc', '~: a\n', 'x.yaml:1:1: unsupported map key of type null'],
    ['refuses a uint64 key', 'doc', '18446744073709551615: a\n', 'x.yaml:1:1: unsupported map key of type uint64'],
    ['refuses NaN and infinities, which JSON cannot hold', 'doc', 'a: .nan\n', 'x.yaml:1:1: json: unsupported value: NaN'],
    ['refuses a merge of a scalar', 'doc', 'a: &a x\nb:\n  <<: *a\n', 'x.yaml:3:7: map merge requires map or sequence of maps as the value'],
    ['refuses a question mark inside a plain scalar in a flow collection', 'doc', 'a: [b?c]\n', "x.yaml:1:5: did not find expected ',' or ']'"],
    [
      'refuses an implicit key longer than 1024 characters in a flow mapping',
      'doc',
      '{' + LONG_KEY + ': 1}\n',
      "x.yaml:1:2: did not find expected ',' or '}': a key longer than 1024 characters",
    ],
    [
      'refuses an implicit key longer than 1024 characters in a block mapping',
      'doc',
      LONG_KEY + ': 1\n',
      'x.yaml:1:1: The : indicator must be at most 1024 chars after the start of an implicit block mapping key',
    ],
    ['refuses an anchor name Go does not read', 'doc', 'a: &<<: {x: 1}\n', 'x.yaml:1:9: did not find expected alphabetic or numeric character in anchor'],
    ['refuses a tag followed by something else than a space', 'doc', 'a: !x{b: 1}\n', 'x.yaml:1:6: did not find expected whitespace or line break'],
    ['refuses the escape \\/, which YAML 1.1 lacks', 'doc', 'a: "\\/"\n', 'x.yaml:1:5: found unknown escape character'],
    ['refuses a tab that indents', 'doc', 'a:\n\tb: 1\n', 'x.yaml:2:1: found character that cannot start any token'],
    ['refuses a tab starting a continuation line of a plain scalar', 'doc', 'a: b\n\tc\n', 'x.yaml:2:1: Tabs are not allowed as indentation'],
    ['refuses %YAML without a document start', 'doc', '%YAML 1.1\n', 'x.yaml:1:1: did not find expected <document start>'],
    ['refuses %YAML other than 1.1', 'doc', '%YAML 1.2\n---\na: 1\n', 'x.yaml:1:1: found incompatible YAML document'],
    ['refuses a document end before any document', 'doc', '...\n', 'x.yaml:1:1: did not find expected node content'],
    ['refuses what follows a root scalar when it makes it a key', 'doc', '"a": : b\n', 'x.yaml:1:6: Nested mappings are not allowed in compact mappings'],
    ['refuses an alias to itself', 'doc', 'a: &x [*x]\n', "x.yaml:1:8: anchor 'x' value contains itself"],
    ['refuses an unknown alias', 'doc', 'a: *nope\n', "x.yaml:1:4: unknown anchor 'nope' referenced"],
    ['refuses text after a separator', 'stream', 'a: 1\n--- b\n', 'x.yaml:2: invalid Yaml document separator: b'],
  ])('%s', (_name, mode, text, message) => {
    expect(() => read(mode, text)).toThrow(ManifestError);
    // Where Go's parser stops and what it says, so an Argo CD user sees the same line in the same words.
    expect(() => read(mode, text)).toThrow(message);
  });
});

describe('readYamlDocument', () => {
  it("reads a chart template whose flow sequence continues at the key's indentation (the stable minio chart)", () => {
    const doc = readYamlDocument(testdata('flow-under-indented.yaml'), { file: 'templates/deployment.yaml' }) as {
      spec: { template: { spec: { containers: { command: string[]; args: string[] }[] } } };
    };
    const [container] = doc.spec.template.spec.containers;
    expect(container.command).toEqual(['/bin/sh', '-ce', '/usr/bin/docker-entrypoint.sh server /export']);
    expect(container.args).toEqual(['--quiet', '--json']);
  });

  it('names the file and line of an error after a re-indented flow collection', () => {
    const text = 'a: [ 1,\n2 ]\nb: c: d\n';
    expect(() => readYamlDocument(text, { file: 'values.yaml' })).toThrow(expect.objectContaining({ file: 'values.yaml', line: 3 }));
  });

  it('names the line in the whole file of an error in a later document of a stream', () => {
    expect(() => readYamlStream('a: 1\n---\nb: 2\n---\nc: d: e\n', { file: 'all.yaml' })).toThrow(expect.objectContaining({ file: 'all.yaml', line: 5 }));
  });

  it('keeps integers exact as bigints when asked', () => {
    expect(readYamlDocument('version: 12345678901234567890\ncount: 1\nf: 1.5\n', { file: 'Chart.yaml', intAsBigInt: true })).toEqual({
      version: 12345678901234567890n,
      count: 1n,
      f: 1.5,
    });
  });
});

describe('relaxIndentation', () => {
  it('indents the lines of a flow sequence continued left of its key, and changes nothing else', () => {
    const text = 'a:\n  b: [ 1,\n  2 ]\n  c: "x\n  y"\nd: |\n  e\n';
    expect(relaxIndentation(text)).toBe('a:\n  b: [ 1,\n      2 ]\n  c: "x\n      y"\nd: |\n  e\n');
  });
});
