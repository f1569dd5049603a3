import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api } from '@kubernetes/client-node';
import { parse, parseAllDocuments } from 'yaml';
import type { GitFixture } from '@fjord/devkit';
import { ensureBinaries } from '@fjord/test-cluster';
import type { Application } from '@fjord/argo';
import { repoClient } from './repo-client';
import { manifestRequest } from './source-request';
import { startHarness, type ControllerHarness } from '../test/controller-harness';

// Issue 16: a sync renders and compares exactly what the status path does. On the real cluster, with the real
// repo-server and Git server: an automated app with two sources and prune syncs both sources' objects, and stays
// Synced through a hard refresh and resyncs, without pruning and re-creating the second source's objects.

jest.setTimeout(240_000);
const suffix = randomBytes(3).toString('hex');
const cm = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata: {v: "${value}"}\n`;
const service = (name: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  ports: [{port: 80, targetPort: 8080}]\n  selector: {app: ${name}}\n`;

// A chart in the config repository; its values for production live in another repository (a `ref` source).
const CHART = {
  'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
  'charts/web/values.yaml': 'color: blue\nreplicas: 1\nsettings:\n  log: info\nports: [80]\n',
  'charts/web/templates/_helpers.tpl':
    '{{- define "web.labels" -}}\napp.kubernetes.io/name: {{ .Chart.Name }}\napp.kubernetes.io/instance: {{ .Release.Name }}\n{{- end -}}\n',
  'charts/web/templates/config.yaml': [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: {{ .Release.Name }}-config',
    '  labels:',
    '    {{- include "web.labels" . | nindent 4 }}',
    'data:',
    '  color: {{ .Values.color | quote }}',
    '  replicas: {{ .Values.replicas | quote }}',
    '  settings.yaml: |',
    '    {{- toYaml .Values.settings | nindent 4 }}',
    '',
  ].join('\n'),
  'charts/web/templates/service.yaml': [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: {{ .Release.Name }}',
    '  labels:',
    '    {{- include "web.labels" . | nindent 4 }}',
    'spec:',
    '  ports:',
    '  {{- range .Values.ports }}',
    '  - name: p{{ . }}',
    '    port: {{ . }}',
    '  {{- end }}',
    '  selector:',
    '    app.kubernetes.io/name: {{ .Chart.Name }}',
    '',
  ].join('\n'),
};
const VALUES = {
  'envs/prod/values.yaml': 'color: green\nsettings:\n  log: debug\n  flags: [a, b]\nports: [80, 443]\n',
  'manifests/extra.yaml': cm('from-values-repo', '1'),
};

let h: ControllerHarness;
let values: { repo: GitFixture; url: string };

beforeAll(async () => {
  h = await startHarness({
    'two/base/app.yaml': cm('first', '1'),
    'two/base/web.yaml': service('web'),
    'two/base/kustomization.yaml': 'resources: [app.yaml, web.yaml]\n',
    'two/overlay/kustomization.yaml': 'resources: [../base]\ncommonLabels: {tier: frontend}\n',
    'two/extra/second.yaml': cm('second', '1'),
    ...CHART,
  });
  values = h.addRepo('values', VALUES);
  symlinkSync('/etc/passwd', join(values.repo.dir, 'escape.yaml'));
  values.repo.git('add', '--all');
  values.repo.git('commit', '--quiet', '-m', 'a symlink out of the repository');
});
afterAll(async () => {
  await h?.stop();
});

const uids = async (namespace: string) => {
  const core = h.kc.makeApiClient(CoreV1Api);
  const [first, web, second] = await Promise.all([
    core.readNamespacedConfigMap({ name: 'first', namespace }),
    core.readNamespacedService({ name: 'web', namespace }),
    core.readNamespacedConfigMap({ name: 'second', namespace }),
  ]);
  return { first: first.metadata?.uid, web: web.metadata?.uid, second: second.metadata?.uid };
};

describe('a multi-source app syncs what its status compares', () => {
  it('an automated app of a Kustomize overlay and a plain directory syncs both and stays Synced through a hard refresh and resyncs', async () => {
    const name = `multi-${suffix}`;
    h.removeOnStop(name);
    await h.createApp(name, {
      project: 'default',
      sources: [
        { repoURL: h.repoURL, targetRevision: 'HEAD', path: 'two/overlay' },
        { repoURL: h.repoURL, targetRevision: 'HEAD', path: 'two/extra' },
      ],
      destination: { server: 'https://kubernetes.default.svc', namespace: name },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
    });
    const synced = (a: Application) => {
      expect(a.operation).toBeUndefined();
      expect(a.status?.sync?.status).toBe('Synced');
      expect(a.status?.health?.status).toBe('Healthy');
    };
    await h.waitFor(name, synced, 60_000);
    const before = await uids(name);
    const core = h.kc.makeApiClient(CoreV1Api);
    expect((await core.readNamespacedConfigMap({ name: 'first', namespace: name })).metadata?.labels).toMatchObject({ tier: 'frontend' });

    await h.patchApp(name, { metadata: { annotations: { 'argocd.argoproj.io/refresh': 'hard' } } });
    for (let i = 0; i < 8; i++) {
      await sleep(500);
      h.controller.refreshAll();
    }
    const app = await h.waitFor(name, (a) => {
      synced(a);
      expect(a.metadata.annotations?.['argocd.argoproj.io/refresh']).toBeUndefined();
    });
    expect(await uids(name)).toEqual(before);
    expect(app.status?.history).toHaveLength(1);
    expect(app.status?.history?.[0]).toMatchObject({
      revisions: [expect.any(String), expect.any(String)],
      sources: [{ path: 'two/overlay' }, { path: 'two/extra' }],
    });
  });
});

/** What the real `helm template` prints for the chart with the values file, as objects (Argo CD's invocation). */
async function helmTemplate(release: string, namespace: string, valuesFile: string): Promise<unknown[]> {
  const helm = (await ensureBinaries({ log: () => undefined })).helm;
  const home = mkdtempSync(join(tmpdir(), 'fjord-helm-home-'));
  try {
    const env = { ...process.env, HELM_CACHE_HOME: join(home, 'cache'), HELM_CONFIG_HOME: join(home, 'config'), HELM_DATA_HOME: join(home, 'data') };
    const args = ['template', join(h.repo.dir, 'charts/web'), '--name-template', release, '--namespace', namespace, '--include-crds', '--values', valuesFile];
    const text = execFileSync(helm, args, { encoding: 'utf8', env });
    return parseAllDocuments(text)
      .map((d) => d.toJSON() as unknown)
      .filter((o) => o !== null);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** What the controller renders for the app's sources at the revisions its status records. */
async function renderedAt(app: Application): Promise<unknown[]> {
  const repo = repoClient(h.repoServerAddress);
  try {
    const [chart, ref] = app.spec.sources!;
    const [chartRevision, refRevision] = app.status!.sync!.revisions!;
    const refSources = { [ref.ref!]: { repo: { repoUrl: ref.repoURL, credentials: undefined }, targetRevision: refRevision, chart: '' } };
    const res = await repo.generateManifest(manifestRequest(app, { ...chart, targetRevision: chartRevision }, { noCache: true, refSources }));
    return res.manifests.map((m) => JSON.parse(m) as unknown);
  } finally {
    repo.close();
  }
}

const conditions = (a: Application) => (a.status?.conditions ?? []).map((c) => `${c.type}: ${c.message}`);

describe('a Helm chart with values from another repository (a ref source)', () => {
  const chartApp = (name: string, valueFiles: string[], extra: Record<string, unknown> = {}) => ({
    project: 'default',
    sources: [
      { repoURL: h.repoURL, targetRevision: 'HEAD', path: 'charts/web', helm: { valueFiles } },
      { repoURL: values.url, targetRevision: 'HEAD', ref: 'values' },
    ],
    destination: { server: 'https://kubernetes.default.svc', namespace: name },
    syncPolicy: { syncOptions: ['CreateNamespace=true'] },
    ...extra,
  });
  const configMap = (namespace: string, release: string) => h.kc.makeApiClient(CoreV1Api).readNamespacedConfigMap({ name: `${release}-config`, namespace });
  // Each request names its own initiator: an operation equal to the one that just finished, written within the same
  // second (managedFields keep seconds), is taken for that finished operation and cleared, so back-to-back syncs
  // must differ.
  let requests = 0;
  const sync = (extra: Record<string, unknown> = {}) => ({ operation: { sync: { prune: true, ...extra }, initiatedBy: { username: `test-${++requests}` } } });

  it('renders as helm template does with the same values, syncs, and follows a commit to the values repository', async () => {
    const name = `refs-${suffix}`;
    h.removeOnStop(name);
    await h.createApp(name, chartApp(name, ['$values/envs/prod/values.yaml']));
    let app = await h.waitFor(name, (a) => expect(a.status?.sync?.revisions).toHaveLength(2));
    expect(app.status?.sync?.revisions).toEqual([h.repo.git('rev-parse', 'HEAD'), values.repo.git('rev-parse', 'HEAD')]);
    const rendered = await renderedAt(app);
    expect(rendered.map((o) => (o as { kind: string }).kind)).toEqual(['ConfigMap', 'Service']);
    expect(rendered).toEqual(await helmTemplate(name, name, join(values.repo.dir, 'envs/prod/values.yaml')));

    await h.patchApp(name, sync());
    app = await h.waitFor(name, (a) => {
      expect(a.operation).toBeUndefined();
      expect(a.status?.sync?.status).toBe('Synced');
      expect(a.status?.health?.status).toBe('Healthy');
    });
    expect((await configMap(name, name)).data).toMatchObject({ color: 'green', replicas: '1', 'settings.yaml': 'flags:\n- a\n- b\nlog: debug\n' });
    const first = app.status!.sync!.revisions!;
    expect(app.status?.history?.at(-1)).toMatchObject({ revisions: first, sources: [{ path: 'charts/web' }, { ref: 'values' }] });

    // a commit to the values repository alone: the app is OutOfSync at the new values commit, and a sync applies it
    const next = values.repo.commit({ 'envs/prod/values.yaml': 'color: red\nsettings:\n  log: debug\nports: [80, 443]\n' });
    await h.patchApp(name, { metadata: { annotations: { 'argocd.argoproj.io/refresh': 'normal' } } });
    app = await h.waitFor(name, (a) => {
      expect(a.status?.sync?.status).toBe('OutOfSync');
      expect(a.status?.sync?.revisions).toEqual([first[0], next]);
    });
    expect((await configMap(name, name)).data?.color).toBe('green');
    expect(await renderedAt(app)).toEqual(await helmTemplate(name, name, join(values.repo.dir, 'envs/prod/values.yaml')));
    await h.patchApp(name, sync());
    app = await h.waitFor(name, (a) => {
      expect(a.operation).toBeUndefined();
      expect(a.status?.sync?.status).toBe('Synced');
    });
    expect((await configMap(name, name)).data?.color).toBe('red');
    expect(app.status?.history?.map((e) => e.revisions)).toEqual([first, [first[0], next]]);

    // the spec moves on (a parameter); a rollback to the first entry (the operation the gateway writes) syncs every
    // source as that entry recorded it, at its recorded revision
    const spec = chartApp(name, ['$values/envs/prod/values.yaml']);
    spec.sources[0].helm = { ...spec.sources[0].helm, parameters: [{ name: 'color', value: 'purple' }] } as never;
    await h.patchApp(name, { spec: { sources: spec.sources } });
    const entry = app.status!.history![0] as { revisions: string[]; sources: unknown[] };
    await h.patchApp(name, sync({ revisions: entry.revisions, sources: entry.sources }));
    app = await h.waitFor(name, (a) => {
      expect(a.operation).toBeUndefined();
      expect(a.status?.operationState).toMatchObject({ phase: 'Succeeded', syncResult: { revisions: first } });
    });
    expect((await configMap(name, name)).data?.color).toBe('green');
    expect(app.status?.history?.map((e) => e.revisions)).toEqual([first, [first[0], next], first]);
    expect(app.status?.history?.[2]).toMatchObject({ sources: entry.sources });
    await h.waitFor(name, (a) => expect(a.status?.sync?.status).toBe('OutOfSync')); // HEAD of the values repo is red
  });

  it('a ref source with a path lends its files and renders its own objects too', async () => {
    const name = `refpath-${suffix}`;
    h.removeOnStop(name);
    const spec = chartApp(name, ['$values/envs/prod/values.yaml']);
    (spec.sources[1] as Record<string, unknown>).path = 'manifests';
    await h.createApp(name, spec);
    await h.waitFor(name, (a) => expect(a.status?.sync?.status).toBe('OutOfSync'));
    await h.patchApp(name, sync());
    const app = await h.waitFor(name, (a) => {
      expect(a.operation).toBeUndefined();
      expect(a.status?.sync?.status).toBe('Synced');
    });
    expect(app.status?.sync?.revisions).toEqual([h.repo.git('rev-parse', 'HEAD'), values.repo.git('rev-parse', 'HEAD')]);
    const core = h.kc.makeApiClient(CoreV1Api);
    expect((await core.readNamespacedConfigMap({ name: 'from-values-repo', namespace: name })).data).toEqual({ v: '1' });
    const prod = parse(readFileSync(join(values.repo.dir, 'envs/prod/values.yaml'), 'utf8')) as { color: string };
    expect((await configMap(name, name)).data?.color).toBe(prod.color);
  });

  let hostileApps = 0;
  it.each([
    ['$values/../../etc/passwd', 'the path leaves the repository of ref "values"'],
    ['/etc/passwd', 'absolute path "/etc/passwd" is not allowed'],
    ['$values/escape.yaml', 'is a symbolic link that leaves the repository'],
    ['$other/values.yaml', '$other refers to no source with ref "other"'],
  ])('refuses the value file %s with a ComparisonError naming it, and applies nothing', async (file, message) => {
    const name = h.removeOnStop(`hostile-${suffix}-${hostileApps++}`);
    await h.createApp(name, chartApp(name, [file], { syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] } }));
    const app = await h.waitFor(name, (a) => expect(conditions(a).find((c) => c.startsWith('ComparisonError'))).toContain(message));
    expect(conditions(app).find((c) => c.startsWith('ComparisonError'))).toMatch(/valueFiles/);
    await sleep(1000);
    const after = await h.getApp(name);
    expect(after.status?.operationState).toBeUndefined();
    expect(after.status?.history ?? []).toEqual([]);
    await expect(h.kc.makeApiClient(CoreV1Api).readNamespace({ name })).rejects.toMatchObject({ code: 404 });
  });
});
