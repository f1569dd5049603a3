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
});
