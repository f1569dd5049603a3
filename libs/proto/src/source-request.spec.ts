import { posix } from 'node:path';
import fc from 'fast-check';
import { isRefOnly, parseRefValueFile, refSourceProblems, sourceRequest } from './source-request';

const field = (i: number) => `spec.sources[${i}]`;
const chart = { repoURL: 'https://git.example/charts.git', path: 'charts/web', targetRevision: 'main' };
const values = { repoURL: 'https://git.example/values.git', targetRevision: 'HEAD', ref: 'values' };

describe('the render request of an Application source', () => {
  it('carries every option of the source, the ref sources and the revision to render', () => {
    const req = sourceRequest(
      { ...chart, helm: { valueFiles: ['$values/prod.yaml'], valuesObject: { a: 1 }, parameters: [{ name: 'x', value: 2 }], releaseName: 'r' } },
      {
        appName: 'web',
        namespace: 'prod',
        revision: 'abc',
        refSources: { values: { repo: { repoUrl: values.repoURL, credentials: undefined }, targetRevision: 'def', chart: '' } },
      },
    );
    expect(req.revision).toBe('abc');
    expect(req.source).toMatchObject({ path: 'charts/web', targetRevision: 'abc', ref: '' });
    expect(req.source?.helm).toMatchObject({
      valueFiles: ['$values/prod.yaml'],
      values: '{"a":1}',
      parameters: [{ name: 'x', value: '2', forceString: false }],
      releaseName: 'r',
    });
    expect(req.refSources.values.targetRevision).toBe('def');
    expect(sourceRequest(chart, { appName: 'web', namespace: '' }).revision).toBe('main');
  });

  it('knows a ref source that renders nothing itself', () => {
    expect(isRefOnly(values)).toBe(true);
    expect(isRefOnly({ ...values, path: 'manifests' })).toBe(false);
    expect(isRefOnly(chart)).toBe(false);
  });
});

describe('$ref value files', () => {
  it('split into the ref and a path inside its repository', () => {
    expect(parseRefValueFile('$values/envs/prod/values.yaml')).toEqual({ ref: 'values', path: 'envs/prod/values.yaml' });
    expect(parseRefValueFile('$values/./envs/../prod.yaml')).toEqual({ ref: 'values', path: 'prod.yaml' });
    expect(parseRefValueFile('values.yaml')).toBeUndefined();
  });

  it('refuse a path out of the repository, an absolute path or no file, naming the value file', () => {
    expect(() => parseRefValueFile('$values/../../etc/passwd')).toThrow('$values/../../etc/passwd: the path leaves the repository of ref "values"');
    expect(() => parseRefValueFile('$values//etc/passwd')).toThrow('must be relative');
    expect(() => parseRefValueFile('$values')).toThrow('names no file');
  });

  it('never name a path outside the repository (property)', () => {
    const segment = fc.constantFrom('..', '.', '', 'a', 'b', 'etc', 'passwd', '/', '...');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const file = `$values/${segments.join('/')}`;
        let parsed;
        try {
          parsed = parseRefValueFile(file);
        } catch {
          return; // refused
        }
        expect(parsed).toBeDefined();
        const path = parsed!.path;
        expect(posix.isAbsolute(path)).toBe(false);
        expect(posix.normalize(path)).toBe(path);
        expect(path === '..' || path.startsWith('../') || path === '.').toBe(false);
      }),
      { seed: 1605, numRuns: 2000 },
    );
  });
});

describe('the rules of ref sources', () => {
  it('accept a chart with values from a ref source', () => {
    expect(refSourceProblems([{ ...chart, helm: { valueFiles: ['$values/prod.yaml'] } }, values], field, { multiSource: true })).toEqual([]);
  });

  it('name the field of every problem', () => {
    const problems = refSourceProblems(
      [
        { ...values, ref: 'bad name' },
        { ...chart, helm: { valueFiles: ['$values/prod.yaml', '$other/../../x'] } },
        { ...values, ref: 'ok', chart: 'web' },
        { ...values, ref: 'ok' },
      ],
      field,
      { multiSource: true },
    );
    expect(problems).toEqual([
      'spec.sources[0].ref: "bad name" is not a valid ref name (letters, digits, "_" and "-" only)',
      'spec.sources[2]: a source with a ref must not have a chart',
      'spec.sources[3].ref: "ok" is already the ref of spec.sources[2]',
      'spec.sources[1].helm.valueFiles[0]: $values refers to no source with ref "values"',
      'spec.sources[1].helm.valueFiles[1]: $other/../../x: the path leaves the repository of ref "other"',
    ]);
  });

  it('give a single-source app no refs', () => {
    expect(refSourceProblems([{ ...chart, helm: { valueFiles: ['$values/prod.yaml'] } }], () => 'spec.source', { multiSource: false })).toEqual([
      'spec.source.helm.valueFiles[0]: $values refers to no source with ref "values"',
    ]);
  });
});
