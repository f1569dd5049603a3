import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { status } from '@grpc/grpc-js';
import { CoreV1Api } from '@kubernetes/client-node';
import { Redis } from 'ioredis';
import { createGitFixture, createTestNamespace, startGitServer, testKubeConfig, type GitFixture, type GitServer } from '@fjord/devkit';
import type { RunningService } from '@fjord/platform';
import { repository } from '@fjord/proto';
import { repoServerClient } from '../test/repo-server-client';
import { runRepoServer } from '../test/run-repo-server';

// Given a config repository served over smart HTTP (with and without basic auth), a real Redis and a real cluster,
// the repo-server resolves revisions, renders, caches across restarts, reuses renders for commits that did not
// touch the app, and refuses hostile input with clear errors, without crashing.

jest.setTimeout(60_000);
const DIR = repository.SourceType.SOURCE_TYPE_DIRECTORY;
const cm = (name: string, data = 'v') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: ${data}\n`;

let root: string;
let cacheRoot: string;
let repo: GitFixture;
let server: GitServer;
let authServer: GitServer;
const prefix = `fjord-test-${process.pid}-${Date.now()}:`;
const redisUrl = 'redis://127.0.0.1:6379/0';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'fjord-rs-'));
  cacheRoot = mkdtempSync(join(tmpdir(), 'fjord-rs-cache-'));
  repo = createGitFixture(join(root, 'config.git'));
  repo.commit({
    'apps/web/cm.yaml': cm('web'),
    'apps/web/svc.json': JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } }),
    'apps/api/cm.yaml': cm('api'),
    'apps/bad-yaml/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n',
    'apps/big/cm.yaml': cm('big', 'x'.repeat(4096)),
    'apps/kust/kustomization.yaml': 'namePrefix: k-\nresources: [cm.yaml]\n',
    'apps/kust/cm.yaml': cm('kcm'),
    'apps/chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
    'apps/chart/values.yaml': 'replicas: 2\n',
    'apps/chart/templates/cm.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  replicas: {{ .Values.replicas | quote }}\n',
  });
  symlinkSync('/etc/passwd', join(repo.dir, 'apps/web-escape.yaml'));
  repo.git('add', '--all');
  repo.git('commit', '--quiet', '-m', 'add a symlink that leaves the repo');
  repo.git('tag', 'v1');
  server = await startGitServer({ root });
  authServer = await startGitServer({ root, auth: { username: 'ci', password: 'pa55' } });
});

afterAll(async () => {
  await server.close();
  await authServer.close();
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  rmSync(root, { recursive: true, force: true });
  rmSync(cacheRoot, { recursive: true, force: true });
});

async function start(extra: string[] = [], cacheDir = join(cacheRoot, String(Math.random()))): Promise<RunningService> {
  return runRepoServer(cacheDir, ['--redis', redisUrl, '--redis-key-prefix', prefix, ...extra]);
}

async function metric(svc: RunningService, name: string, labels: string): Promise<number> {
  const port = (svc.metricsServer.address() as { port: number }).port;
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(name) && l.includes(labels));
  return line ? Number(line.split(' ').pop()) : 0;
}

const src = (path: string, url = `${server.url}/config.git`) => ({
  repo: { repoUrl: url, credentials: undefined },
  source: { repoUrl: url, path, targetRevision: 'HEAD' } as repository.ApplicationSource,
});

describe('repo-server over gRPC', () => {
  let svc: RunningService;
  let client: ReturnType<typeof repoServerClient>;
  beforeAll(async () => {
    svc = await start();
    client = repoServerClient(svc.grpc.port);
  });
  afterAll(async () => {
    client.close();
    await svc.stop();
  });

  it('renders a plain directory from a Git server, with the resolved SHA and source type', async () => {
    const res = await client.generate({ ...src('apps/web'), namespace: 'payments' });
    expect(res.namespace).toBe('payments');
    expect(res.revision).toBe(repo.git('rev-parse', 'HEAD'));
    expect(res.sourceType).toBe(DIR);
    expect(res.manifests.map((m) => JSON.parse(m).metadata.name)).toEqual(['web', 'web']);
    expect(res.cached).toBe(false);
    expect((await client.generate({ ...src('apps/web'), namespace: 'payments' })).cached).toBe(true);
  });

  it('renders Kustomize sources in-process', async () => {
    const res = await client.generate(src('apps/kust'));
    expect(res.sourceType).toBe(repository.SourceType.SOURCE_TYPE_KUSTOMIZE);
    expect(JSON.parse(res.manifests[0]).metadata.name).toBe('k-kcm');
  });

  it('renders Helm charts in-process, with the app name as release name and parameters', async () => {
    const res = await client.generate({
      ...src('apps/chart'),
      appName: 'shop',
      source: { ...src('apps/chart').source, helm: repository.HelmSource.fromPartial({ parameters: [{ name: 'replicas', value: '5' }] }) },
    });
    expect(res.sourceType).toBe(repository.SourceType.SOURCE_TYPE_HELM);
    expect(JSON.parse(res.manifests[0])).toMatchObject({ metadata: { name: 'shop-cm' }, data: { replicas: '5' } });
  });

  it("describes a source from the commit's files: its type, and a chart's value files", async () => {
    const chart = await client.details(src('apps/chart'));
    expect(chart).toMatchObject({ type: repository.SourceType.SOURCE_TYPE_HELM, helm: { valueFiles: ['values.yaml'], values: 'replicas: 2\n' } });
    expect((await client.details(src('apps/kust'))).type).toBe(repository.SourceType.SOURCE_TYPE_KUSTOMIZE);
    expect((await client.details(src('apps/web'))).type).toBe(DIR);
  });

  it('resolves revisions and lists refs', async () => {
    const head = repo.git('rev-parse', 'HEAD');
    expect((await client.resolve({ repo: src('').repo, revision: 'v1' })).revision).toBe(head);
    expect((await client.resolve({ repo: src('').repo, revision: head.slice(0, 8) })).revision).toBe(head);
    expect((await client.listRefs({ repo: src('').repo })).branches).toEqual(['main']);
  });

  it('renders identical concurrent requests once', async () => {
    const before = await metric(svc, 'fjord_repo_renders_total', 'outcome="ok"');
    const results = await Promise.all(Array.from({ length: 8 }, () => client.generate({ ...src('apps/api'), noCache: false, appName: 'same' })));
    expect(new Set(results.map((r) => r.manifests.join()))).toHaveProperty('size', 1);
    expect((await metric(svc, 'fjord_repo_renders_total', 'outcome="ok"')) - before).toBe(1);
  });

  it('fetches a new commit, and reuses the render for an app whose files it did not touch', async () => {
    await client.generate({ ...src('apps/web'), appName: 'reuse' });
    await client.generate({ ...src('apps/api'), appName: 'reuse' });
    const rendersBefore = await metric(svc, 'fjord_repo_renders_total', 'outcome="ok"');
    const next = repo.commit({ 'apps/api/cm.yaml': cm('api', 'changed') }, 'only api changes');
    const web = await client.generate({ ...src('apps/web'), appName: 'reuse', revision: next });
    const api = await client.generate({ ...src('apps/api'), appName: 'reuse', revision: next });
    expect(web).toMatchObject({ revision: next, cached: true });
    expect(api).toMatchObject({ revision: next, cached: false });
    expect(JSON.parse(api.manifests[0]).data.k).toBe('changed');
    expect((await metric(svc, 'fjord_repo_renders_total', 'outcome="ok"')) - rendersBefore).toBe(1);
    expect(await metric(svc, 'fjord_repo_manifest_cache_total', 'result="reuse"')).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['a path with ..', '../etc', status.INVALID_ARGUMENT, /leaves the repository root/],
    ['an absolute path', '/etc', status.INVALID_ARGUMENT, /must be relative to the repository root/],
    ['a symlink that leaves the repository', 'apps', status.INVALID_ARGUMENT, /apps\/web-escape\.yaml: is a symbolic link that leaves the repository/],
    ['invalid YAML', 'apps/bad-yaml', status.INVALID_ARGUMENT, /apps\/bad-yaml\/cm\.yaml:\d+/],
    ['a missing path', 'apps/nope', status.INVALID_ARGUMENT, /apps\/nope: app path does not exist/],
  ])('refuses %s with a clear error', async (_what, path, code, message) => {
    await expect(client.generate(src(path))).rejects.toMatchObject({ code, details: expect.stringMatching(message) });
  });

  it('says NOT_FOUND for a missing revision or repository, and stays healthy', async () => {
    await expect(client.generate({ ...src('apps/web'), revision: 'no-such-branch' })).rejects.toMatchObject({ code: status.NOT_FOUND });
    await expect(client.generate(src('apps/web', `${server.url}/missing.git`))).rejects.toMatchObject({ code: status.NOT_FOUND });
    expect((await client.generate(src('apps/web'))).manifests).toHaveLength(2);
  });
});

describe('repo-server limits', () => {
  it('bounds the size of files and of the output', async () => {
    const small = await start(['--max-file-bytes', '1024']);
    const tiny = await start(['--max-manifest-bytes', '100']);
    try {
      // noCache: the Redis cache is shared with the other instances of this file
      await expect(repoServerClient(small.grpc.port).generate({ ...src('apps/big'), noCache: true })).rejects.toMatchObject({
        code: status.INVALID_ARGUMENT,
        details: expect.stringMatching(/apps\/big\/cm\.yaml: is \d+ bytes, over the limit of 1024/),
      });
      await expect(repoServerClient(tiny.grpc.port).generate({ ...src('apps/web'), noCache: true })).rejects.toMatchObject({
        code: status.INVALID_ARGUMENT,
        details: expect.stringMatching(/rendered output is \d+ bytes, over the limit of 100/),
      });
    } finally {
      await small.stop();
      await tiny.stop();
    }
  });
});

describe('repo-server with Redis', () => {
  it('serves cache hits after a restart, without fetching or rendering again', async () => {
    const first = await start();
    await repoServerClient(first.grpc.port).generate({ ...src('apps/web'), appName: 'restart' });
    await first.stop();
    const freshDir = join(cacheRoot, 'after-restart');
    const second = await start([], freshDir);
    try {
      const res = await repoServerClient(second.grpc.port).generate({ ...src('apps/web'), appName: 'restart' });
      expect(res.cached).toBe(true);
      // only ls-remote ran: nothing was fetched into the new instance's (empty) repository cache
      expect(existsSync(join(freshDir, 'repos'))).toBe(false);
      expect(await metric(second, 'fjord_repo_renders_total', 'outcome')).toBe(0);
    } finally {
      await second.stop();
    }
  });
});

describe('repo-server with basic auth', () => {
  it('uses credentials from the request, and refuses without them', async () => {
    const svc = await start();
    const client = repoServerClient(svc.grpc.port);
    try {
      const url = `${authServer.url}/config.git`;
      await expect(client.generate(src('apps/web', url))).rejects.toMatchObject({ code: status.FAILED_PRECONDITION });
      const res = await client.generate({
        ...src('apps/web', url),
        repo: { repoUrl: url, credentials: { username: 'ci', password: 'pa55', insecure: false } },
      });
      expect(res.manifests).toHaveLength(2);
    } finally {
      client.close();
      await svc.stop();
    }
  });

  it('finds credentials in a repository Secret labelled as Argo CD labels them', async () => {
    const kc = testKubeConfig();
    const ns = await createTestNamespace('repo-creds', kc);
    const url = `${authServer.url}/config.git`;
    await kc.makeApiClient(CoreV1Api).createNamespacedSecret({
      namespace: ns.name,
      body: {
        metadata: { name: 'config-repo', labels: { 'argocd.argoproj.io/secret-type': 'repository' } },
        stringData: { type: 'git', url, username: 'ci', password: 'pa55' },
      },
    });
    process.env.KUBECONFIG = process.env.FJORD_TEST_KUBECONFIG;
    const svc = await start(['--namespace', ns.name]);
    const client = repoServerClient(svc.grpc.port);
    try {
      expect((await client.generate({ ...src('apps/web', url), appName: 'from-secret' })).manifests).toHaveLength(2);
    } finally {
      delete process.env.KUBECONFIG;
      client.close();
      await svc.stop();
      await ns.remove();
    }
  });
});

describe('repo-server and local repositories', () => {
  it('refuses file:// URLs and paths unless started with --allow-local-repos, before touching the disk', async () => {
    const closed = await start();
    const open = await start(['--allow-local-repos']);
    const refused = {
      code: status.PERMISSION_DENIED,
      details: expect.stringMatching(/local repositories .* are disabled; start the repo-server with --allow-local-repos/),
    };
    try {
      for (const url of [`file://${repo.dir}`, repo.dir]) {
        await expect(repoServerClient(closed.grpc.port).generate(src('apps/web', url))).rejects.toMatchObject(refused);
        await expect(repoServerClient(closed.grpc.port).resolve({ repo: src('', url).repo })).rejects.toMatchObject(refused);
        await expect(repoServerClient(closed.grpc.port).details(src('apps/web', url))).rejects.toMatchObject(refused);
        const res = await repoServerClient(open.grpc.port).generate({ ...src('apps/web', url), noCache: true });
        expect(res.manifests.map((m) => JSON.parse(m).metadata.name)).toEqual(['web', 'web']);
      }
      // the same answer whether or not the path is a repository: nothing about the disk leaks
      await expect(repoServerClient(closed.grpc.port).generate(src('apps/web', 'file:///no/such/repo'))).rejects.toMatchObject(refused);
    } finally {
      await closed.stop();
      await open.stop();
    }
  });
});
