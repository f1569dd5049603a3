import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { status } from '@grpc/grpc-js';
import { serveTestRepo, spawnRepoServer, type ServedRepo, type ServiceProcess } from '@fjord/devkit';
import { repository } from '@fjord/proto';
import { repoServerClient } from '../test/repo-server-client';

// Given a repo-server process with small render limits and a config repository with hostile Helm charts next to
// a plain app, each hostile render fails its own request with a clear error naming the limit and the app path,
// while the plain app renders at the same time and right after, and the repo-server process stays small.

jest.setTimeout(120_000);

const MEMORY_MIB = 160;
const TIMEOUT_S = 6;
const OUTPUT_BYTES = 8 << 20;
const chart = (name: string, template: string) => ({
  [`apps/${name}/Chart.yaml`]: `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`,
  [`apps/${name}/templates/cm.yaml`]: template,
});

let served: ServedRepo;
let svc: ServiceProcess;
let client: ReturnType<typeof repoServerClient>;
let sampler: NodeJS.Timeout;
const peak = { repoServer: 0, renderProcess: 0 };

/** Resident memory of `pid` in MiB, 0 once it is gone. */
function rssMib(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
  } catch {
    return 0;
  }
}

/** The direct children of `pid` (the render processes of a repo-server). */
function children(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

beforeAll(async () => {
  served = await serveTestRepo({
    prefix: 'fjord-limits',
    files: {
      'apps/plain/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: plain}\ndata: {k: v}\n',
      // Builds a list of 100,000,000 integers: only the memory limit stops it.
      ...chart('until', '{{ range $i := until 100000000 }}{{ $i }}{{ end }}\n'),
      // Ten billion empty iterations: no output and little memory, only the time limit stops it.
      ...chart('spin', '{{ range $i := until 100000 }}{{ range $j := until 100000 }}{{ end }}{{ end }}\n'),
      // 40 characters, two million times: the template executor's output limit stops it while it writes.
      ...chart('flood', `{{ range $i := until 2000000 }}${'x'.repeat(40)}{{ end }}\n`),
    },
  });
  svc = await spawnRepoServer({
    cacheDir: join(served.work, 'cache'),
    args: [
      '--max-manifest-bytes',
      String(OUTPUT_BYTES),
      '--render-processes',
      '2',
      '--render-timeout-seconds',
      String(TIMEOUT_S),
      '--render-memory-limit-mib',
      String(MEMORY_MIB),
    ],
    env: { LOG_LEVEL: 'warn', REDIS_URL: '' },
  });
  client = repoServerClient(svc.grpcPort);
  const pid = svc.child.pid!;
  sampler = setInterval(() => {
    peak.repoServer = Math.max(peak.repoServer, rssMib(pid));
    for (const child of children(pid)) peak.renderProcess = Math.max(peak.renderProcess, rssMib(child));
  }, 50);
});

afterAll(async () => {
  clearInterval(sampler);
  client?.close();
  await svc?.stop();
  await served?.close();
  process.stdout.write(`render-limits: peak RSS repo-server ${peak.repoServer.toFixed(0)} MiB, render process ${peak.renderProcess.toFixed(0)} MiB\n`);
});

const src = (path: string, appName = path.split('/').pop()!) => {
  const url = served.url;
  return {
    repo: { repoUrl: url, credentials: undefined },
    source: { repoUrl: url, path, targetRevision: 'HEAD' } as repository.ApplicationSource,
    appName,
    noCache: true,
  };
};

/**
 * Starts the hostile render, renders the plain app beside it (while it still runs, when `slow`: the memory and time
 * cases), renders the plain app again after it, and returns the hostile render's outcome.
 */
async function hostileBesidePlain(path: string, { slow }: { slow: boolean }): Promise<unknown> {
  const hostile = client.generate(src(path)).then(
    () => new Error(`${path} rendered`),
    (err: unknown) => err,
  );
  let hostileDone = false;
  void hostile.then(() => (hostileDone = true));
  const plain = await client.generate(src('apps/plain'));
  expect(plain.manifests.map((m) => JSON.parse(m).metadata.name)).toEqual(['plain']);
  if (slow) expect(hostileDone).toBe(false);
  const outcome = await hostile;
  expect((await client.generate(src('apps/plain', 'after'))).manifests).toHaveLength(1);
  return outcome;
}

describe('render limits on a repo-server process', () => {
  it('stops a chart that fills memory (until 100000000), and renders other apps meanwhile and after', async () => {
    await expect(hostileBesidePlain('apps/until', { slow: true })).resolves.toMatchObject({
      code: status.RESOURCE_EXHAUSTED,
      details: expect.stringMatching(new RegExp(`^render of apps/until \\(app until\\) at [0-9a-f]{12} exceeded the memory limit of ${MEMORY_MIB} MiB`)),
    });
  });

  it('stops a chart that loops without output at the time limit', async () => {
    const started = Date.now();
    await expect(hostileBesidePlain('apps/spin', { slow: true })).resolves.toMatchObject({
      code: status.DEADLINE_EXCEEDED,
      details: expect.stringMatching(new RegExp(`^render of apps/spin \\(app spin\\) at [0-9a-f]{12} exceeded the time limit of ${TIMEOUT_S} s`)),
    });
    expect(Date.now() - started).toBeLessThan((TIMEOUT_S + 10) * 1000);
  });

  it('stops a chart whose output passes the limit while the template writes it, quickly', async () => {
    const started = Date.now();
    await expect(hostileBesidePlain('apps/flood', { slow: false })).resolves.toMatchObject({
      code: status.INVALID_ARGUMENT,
      details: expect.stringMatching(new RegExp(`apps/flood/templates/cm\\.yaml:1:\\d+: [^]*output exceeds the limit of ${OUTPUT_BYTES} characters`)),
    });
    expect(Date.now() - started).toBeLessThan(TIMEOUT_S * 1000);
  });

  it('keeps the repo-server process small and up, with its render processes bounded', async () => {
    expect(svc.child.exitCode).toBeNull();
    expect(peak.repoServer).toBeGreaterThan(0);
    expect(peak.repoServer).toBeLessThan(400);
    // the watchdog kills a render process at its heap limit plus RSS_HEADROOM_MIB (160), checked every 200 ms
    expect(peak.renderProcess).toBeLessThan(MEMORY_MIB + 160 + 150);
    const metrics = await (await fetch(`http://127.0.0.1:${svc.metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/fjord_repo_render_limit_exceeded_total\{limit="memory",[^}]*\} 1\n/);
    expect(metrics).toMatch(/fjord_repo_render_limit_exceeded_total\{limit="time",[^}]*\} 1\n/);
  });
});
