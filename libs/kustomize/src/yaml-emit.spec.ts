import { stringifyKustomizeOutput, yamlV2KeyCompare } from './yaml-emit';

describe('stringifyKustomizeOutput', () => {
  it('quotes what YAML 1.1 would misread and leaves the rest plain', () => {
    const out = stringifyKustomizeOutput([{ data: { a: 'yes', b: '0777', c: '12:30', d: '', e: 'plain text', f: '- x', g: "it's: here" } }]);
    expect(out).toBe('data:\n  a: "yes"\n  b: "0777"\n  c: "12:30"\n  d: ""\n  e: plain text\n  f: \'- x\'\n  g: \'it\'\'s: here\'\n');
  });

  it('writes multi-line strings as literal blocks, sequences unindented, documents split by ---', () => {
    expect(stringifyKustomizeOutput([{ s: 'a\nb\n', l: [1, { k: 'v' }], e: {}, nn: null }, { x: 1.5 }])).toBe(
      'e: {}\nl:\n- 1\n- k: v\nnn: null\ns: |\n  a\n  b\n---\nx: 1.5\n',
    );
  });

  it('folds long plain strings past column 80', () => {
    const long = Array.from({ length: 20 }, (_, i) => `word${i}`).join(' ');
    const out = stringifyKustomizeOutput([{ k: long }]);
    expect(out.split('\n')[1].startsWith('  word')).toBe(true);
  });

  it('double-quotes a string with a character past U+FFFF and escapes it as \\U, as yaml.v2 does (not a literal block)', () => {
    expect(stringifyKustomizeOutput([{ k: 'hi 👋\nthere\n' }])).toBe('k: "hi \\U0001F44B\\nthere\\n"\n');
  });

  it('orders keys the way yaml.v2 does', () => {
    expect(['a10', 'a9', 'Ax', '_x', 'b'].sort(yamlV2KeyCompare)).toEqual(['_x', 'Ax', 'a9', 'a10', 'b']);
  });
});
