import { int64 } from '@fjord/go-template';
import { parseSetInto, parseSetValues } from './strvals';
import { escapeSetValue } from './user-values';

describe('parseSetValues (helm --set)', () => {
  it.each([
    ['a=b', { a: 'b' }],
    ['a.b=c,d=e', { a: { b: 'c' }, d: 'e' }],
    ['n=10,z=0,o=012,f=1.5,t=true,F=FALSE', { n: int64(10), z: int64(0), o: '012', f: '1.5', t: true, F: false }],
    ['list={a,b,c}', { list: ['a', 'b', 'c'] }],
    ['a[0].b=c,a[1]=x', { a: [{ b: 'c' }, 'x'] }],
    ['a[2]=z', { a: [null, null, 'z'] }],
    ['a\\.b=c\\,d', { 'a.b': 'c,d' }],
    ['empty=', { empty: '' }],
    ['x=null', { x: null }],
    ['m[0][1]=v', { m: [[null, 'v']] }],
  ])('%s', (expr, want) => {
    expect(parseSetValues(expr)).toEqual(want);
  });

  it('keeps strings with forceString', () => {
    expect(parseSetValues('a=10,b=true', { forceString: true })).toEqual({ a: '10', b: 'true' });
  });

  it('merges into existing values and rejects bad input', () => {
    const dest: Record<string, unknown> = { a: { keep: 1 } };
    parseSetInto('a.b=2', dest);
    expect(dest).toEqual({ a: { keep: 1, b: int64(2) } });
    expect(() => parseSetValues('a')).toThrow('key "a" has no value');
    expect(() => parseSetValues('a,b=c')).toThrow('key "a" has no value (cannot end with ,)');
    expect(() => parseSetValues('a[-1]=x')).toThrow(/negative -1 index not allowed/);
    expect(() => parseSetValues('a[70000]=x')).toThrow(/greater than maximum supported index/);
    expect(() => parseSetValues('a={x,y')).toThrow("list must terminate with '}'");
  });

  it('escapes commas in parameter values as Argo CD does', () => {
    expect(escapeSetValue('a,b,,c')).toBe('a\\,b\\,\\,c');
    expect(escapeSetValue('a\\,b')).toBe('a\\,b');
    expect(escapeSetValue('{a,b}')).toBe('{a,b}');
  });

  // Fixed cases found by the helm-values differential fuzzer (tools/fuzz), each checked against helm v4.2.4.

  it('prints the text after an index as Go prints a []rune with %q', () => {
    expect(() => parseSetValues('a[0]x=1')).toThrow("unexpected data at end of array index: ['x']");
  });

  it('names the Go type a key clashes with: float64 from a values file, nil', () => {
    expect(() => parseSetInto('a[2]=x', { a: 0.5 })).toThrow('unable to parse key: interface conversion: interface {} is float64, not []interface {}');
    expect(() => parseSetInto('t.a=1', { t: null })).toThrow('unable to parse key: interface conversion: interface {} is nil, not map[string]interface {}');
  });

  it('ends quietly when the input ends inside an index or after a dot, keeping a list it started', () => {
    expect(parseSetValues('a[1')).toEqual({});
    expect(parseSetValues('b[0]')).toEqual({ b: [] });
    expect(parseSetValues('c[0][1')).toEqual({ c: [] });
    expect(parseSetValues('d.')).toEqual({});
  });

  it('refuses an index beyond int64 as strconv.Atoi does', () => {
    expect(() => parseSetValues('a[99999999999999999999]=1')).toThrow('error parsing index: strconv.Atoi: parsing "99999999999999999999": value out of range');
  });

  it('changes an existing list in place as a Go slice, even when the input then ends', () => {
    const inPlace: Record<string, unknown> = { a: [5] };
    parseSetInto('a[0].', inPlace);
    expect(inPlace).toEqual({ a: [{}] });
    const nested: Record<string, unknown> = { a: [[5]] };
    parseSetInto('a[0][0].', nested);
    expect(nested).toEqual({ a: [[{}]] });
    const grown: Record<string, unknown> = { a: [[5]] };
    parseSetInto('a[0][3].', grown);
    expect(grown).toEqual({ a: [[5]] });
  });

  it('types values as strings.EqualFold and strconv.ParseInt do', () => {
    expect(parseSetValues('a=fal\u017fe,b=TRUE,c=-007,d=+5,e=9223372036854775808')).toEqual({
      a: false,
      b: true,
      c: int64(-7),
      d: int64(5),
      e: '9223372036854775808',
    });
  });

  it('keeps keys JavaScript objects inherit (__proto__, constructor, toString) as plain keys, as Go maps do', () => {
    const out = parseSetValues('__proto__.a=1,constructor[0]=x,toString=y');
    expect(Object.keys(out)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ a: int64(1) });
    expect(out.constructor).toEqual(['x']);
  });
});
