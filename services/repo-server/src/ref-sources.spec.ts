import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { status } from '@grpc/grpc-js';
import fc from 'fast-check';
import { createGitFixture, startGitServer, type GitFixture, type GitServer } from '@fjord/devkit';
import type { RunningService } from '@fjord/platform';
import { repository, sourceRequest } from '@fjord/proto';
import { repoServerClient } from '../test/repo-server-client';
import { runRepoServer } from '../test/run-repo-server';

// Given a chart in one repository and its values in another, the repo-server renders the chart with the values
// file a `$values/...` entry names, read at the ref source's commit; a new commit of the values repository gives a
// new render (the cache key holds the ref's commit); hostile `$values` paths fail with an error naming the value file.

jest.setTimeout(60_000);

let root: string;
let charts: GitFixture;
let values: GitFixture;
let server: GitServer;
let svc: RunningService;
let client: ReturnType<typeof repoServerClient>;

const chartFiles = {
  'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
  'charts/web/values.yaml': 'replicas: 1\ncolor: blue\n',
  'charts/web/templates/cm.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  replicas: {{ .Values.replicas | quote }}\n  color: {{ .Values.color | quote }}\n',
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'fjord-refs-'));
  charts = createGitFixture(join(root, 'charts.git'));
  charts.commit(chartFiles);
  values = createGitFixture(join(root, 'values.git'));
  values.commit({ 'envs/prod/values.yaml': 'replicas: 3\n', 'envs/dir/.keep': '' });
  // a values file beside the repository, where `..` and links would lead
  writeFileSync(join(root, 'stolen.yaml'), 'replicas: stolen\n');
  symlinkSync('/etc/passwd', join(values.dir, 'envs/escape.yaml'));
  symlinkSync('../../stolen.yaml', join(values.dir, 'envs/up.yaml'));
  symlinkSync('prod/values.yaml', join(values.dir, 'envs/link.yaml'));
  values.git('add', '--all');
  values.git('commit', '--quiet', '-m', 'links');
  server = await startGitServer({ root });
  svc = await runRepoServer(join(root, 'cache'), ['--revision-cache-expiration-ms', '0']);
  client = repoServerClient(svc.grpc.port);
});

afterAll(async () => {
  client?.close();
  await svc?.stop();
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

const chartSource = (valueFiles: string[], extra: Record<string, unknown> = {}): Parameters<typeof sourceRequest>[0] => ({
  repoURL: `${server.url}/charts.git`,
  path: 'charts/web',
  targetRevision: 'HEAD',
  helm: { valueFiles, ...extra },
});
const refTo = (revision: string) => ({
  values: { repo: { repoUrl: `${server.url}/values.git`, credentials: undefined }, targetRevision: revision, chart: '' },
});
const render = (source: Parameters<typeof sourceRequest>[0], revision = 'HEAD') =>
  client.generate(sourceRequest(source, { appName: 'web', namespace: 'prod', refSources: refTo(revision) }));
const data = (res: repository.GenerateManifestResponse) => JSON.parse(res.manifests[0]).data;
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the render to fail');
    },
    (err: { code: number; details: string }) => err,
  );

describe('$ref value files', () => {
  it('a ref source without path or chart renders nothing and answers its commit', async () => {
    const res = await client.generate(
      sourceRequest({ repoURL: `${server.url}/values.git`, targetRevision: 'HEAD', ref: 'values' }, { appName: 'web', namespace: 'prod' }),
    );
    expect(res.manifests).toEqual([]);
    expect(res.revision).toBe(values.git('rev-parse', 'HEAD'));
  });

  it("are read from the ref source's repository at its revision and merged in order, after the chart's own", async () => {
    expect(data(await render(chartSource(['values.yaml', '$values/envs/prod/values.yaml'])))).toEqual({ replicas: '3', color: 'blue' });
    expect(data(await render(chartSource(['$values/envs/link.yaml'])))).toEqual({ replicas: '3', color: 'blue' });
    expect(data(await render(chartSource(['$values/envs/prod/values.yaml', '$values/missing.yaml'], { ignoreMissingValueFiles: true })))).toMatchObject({
      replicas: '3',
    });
  });

  it('are pinned at the revision given, and a new commit of the values repository renders again', async () => {
    const first = values.git('rev-parse', 'HEAD');
    const source = chartSource(['$values/envs/prod/values.yaml']);
    expect(data(await render(source, first)).replicas).toBe('3');
    const second = values.commit({ 'envs/prod/values.yaml': 'replicas: 7\n' });
    expect(data(await render(source, first)).replicas).toBe('3');
    const fresh = await render(source, second);
    expect(fresh.cached).toBe(false);
    expect(data(fresh).replicas).toBe('7');
    expect((await render(source, second)).cached).toBe(true);
  });

  it.each([
    ['$values/../../etc/passwd', 'helm.valueFiles[0]: $values/../../etc/passwd: the path leaves the repository of ref "values"'],
    ['$values//etc/passwd', 'helm.valueFiles[0]: $values//etc/passwd: the path after $values/ must be relative'],
    ['$values/envs/escape.yaml', 'helm.valueFiles[0]: $values/envs/escape.yaml: envs/escape.yaml: is a symbolic link that leaves the repository'],
    ['$values/envs/dir', 'helm.valueFiles[0]: $values/envs/dir: is not a file'],
    ['$values/missing.yaml', 'helm.valueFiles[0]: $values/missing.yaml: no such file in'],
    ['$other/values.yaml', 'helm.valueFiles[0]: $other refers to no source with ref "other"'],
  ])('refuse %s with an error naming the value file', async (file, message) => {
    const err = await failure(render(chartSource([file])));
    expect(err.code).toBe(status.INVALID_ARGUMENT);
    expect(err.details).toContain(message);
  });

  it("never read a file outside the ref source's repository, whatever the path (property)", async () => {
    const segment = fc.constantFrom('..', '.', '', 'envs', 'prod', 'values.yaml', 'stolen.yaml', 'up.yaml', 'escape.yaml', 'values.git', '/');
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 7 }), async (segments) => {
        const file = `$values/${segments.join('/')}`;
        const outcome = await render(chartSource([file])).then(
          (res) => data(res).replicas as string,
          (err: { code: number }) => {
            expect(err.code).toBe(status.INVALID_ARGUMENT);
            return 'refused';
          },
        );
        expect(['refused', '1', '3', '7']).toContain(outcome);
      }),
      { seed: 1606, numRuns: 60 },
    );
  });
});
