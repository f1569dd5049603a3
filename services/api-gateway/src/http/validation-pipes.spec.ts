import { InputError } from '@fjord/platform';
import { syncBody } from './app-bodies';
import { JsonBodyPipe, QueryBoolPipe, QueryEnumPipe, QueryListPipe, QueryStringPipe } from './validation-pipes';

const query = (name: string) => ({ type: 'query' as const, data: name });

describe('query pipes', () => {
  it('read booleans as Go spells them, and refuse anything else naming the parameter', () => {
    const pipe = new QueryBoolPipe();
    expect(['true', '1', 'T', 'True'].map((v) => pipe.transform(v, query('upsert')))).toEqual([true, true, true, true]);
    expect(['false', '0', 'F', 'FALSE'].map((v) => pipe.transform(v, query('upsert')))).toEqual([false, false, false, false]);
    expect(pipe.transform(undefined, query('upsert'))).toBeUndefined();
    expect(pipe.transform('', query('upsert'))).toBeUndefined();
    expect(pipe.transform(['false', 'true'], query('upsert'))).toBe(false);
    expect(() => pipe.transform('yes', query('cascade'))).toThrow(new InputError('query parameter "cascade" must be true or false'));
  });

  it('read lists given repeated or comma-separated, and strings once', () => {
    expect(new QueryListPipe().transform(['a,b', ' c '], query('projects'))).toEqual(['a', 'b', 'c']);
    expect(new QueryListPipe().transform(undefined, query('projects'))).toEqual([]);
    expect(() => new QueryListPipe().transform({ a: '1' }, query('projects'))).toThrow('query parameter "projects" must be a list of strings');
    expect(new QueryStringPipe().transform(['x', 'y'], query('name'))).toBe('x');
    expect(() => new QueryStringPipe().transform({ a: '1' }, query('name'))).toThrow('query parameter "name" must be a string');
  });

  it('refuse a value outside a closed set, listing the allowed ones', () => {
    const pipe = new QueryEnumPipe(['foreground', 'background', 'orphan']);
    expect(pipe.transform('orphan', query('propagationPolicy'))).toBe('orphan');
    expect(() => pipe.transform('later', query('propagationPolicy'))).toThrow(
      'query parameter "propagationPolicy" must be one of foreground, background, orphan',
    );
  });
});

describe('JsonBodyPipe', () => {
  it('parses the raw body and reads it, naming the offending field', () => {
    const pipe = new JsonBodyPipe(syncBody);
    expect(pipe.transform(Buffer.from('{"prune": true, "syncOptions": {"items": ["Validate=false"]}}'))).toMatchObject({
      prune: true,
      syncOptions: ['Validate=false'],
    });
    expect(() => pipe.transform(Buffer.from('{"prune": "yes"}'))).toThrow('field "prune" must be a boolean');
    expect(() => pipe.transform(Buffer.from('{"prnue": true}'))).toThrow('sync request: unknown field "prnue"');
    expect(() => pipe.transform(Buffer.from('{"prune": tru'))).toThrow(/^malformed JSON body: /);
    expect(pipe.transform(undefined)).toMatchObject({ prune: undefined });
  });
});
