import { execFile } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureBinaries, type Binaries } from './binaries';
import { adminKubeconfig, createCerts } from './certs';
import { freePorts } from './ports';
import { isAlive, logTail, startProcess, startWatchdog, stopProcesses, type ClusterProcess } from './processes';
import { get, waitFor } from './wait';

const run = promisify(execFile);

/** What a running local cluster is: written to `<dir>/cluster.json` so that `down` and a second `up` find it. */
export interface ClusterState {
  dir: string;
  kubeconfig: string;
  server: string;
  kubectl: string;
  processes: ClusterProcess[];
  /** The watchdog that kills the cluster when its owner process dies (absent for a long-lived `cluster:up`). */
  watchdogPid?: number;
  startedAt: string;
  /** Seconds from start to ready. */
  startSeconds: number;
}

/** Options of `up`. */
export interface UpOptions {
  /** Where the cluster keeps its state; defaults to FJORD_CLUSTER_DIR or <tmp>/fjord-test-cluster. */
  dir?: string;
  /**
   * The process whose death stops the cluster (a test run). Unset: the cluster outlives the caller until `down`.
   */
  ownerPid?: number;
  /** Progress lines. */
  log?: (line: string) => void;
  /** Seconds to wait for each component. */
  timeoutSeconds?: number;
}

/** The name of the one fake node kwok manages. */
export const NODE_NAME = 'kwok-node-0';

/** The default cluster directory. */
export function defaultClusterDir(): string {
  return process.env.FJORD_CLUSTER_DIR ?? join(tmpdir(), 'fjord-test-cluster');
}

/** Reads the state of the cluster in `dir`, or undefined when none was started there. */
export function readState(dir = defaultClusterDir()): ClusterState | undefined {
  const file = join(dir, 'cluster.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ClusterState;
  } catch {
    return undefined;
  }
}

/** True when every process of the cluster is alive and the API server answers /readyz. */
export async function isHealthy(state: ClusterState): Promise<boolean> {
  if (!state.processes.every((p) => isAlive(p.pid))) return false;
  try {
    const ca = readFileSync(join(state.dir, 'ca.crt'));
    return (await get(`${state.server}/readyz`, { ca })).status === 200;
  } catch {
    return false;
  }
}

/**
 * Starts etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok on free loopback ports, registers
 * one kwok Node and waits until a Deployment could become Available. Reuses a healthy cluster already running in
 * the same directory; cleans up one that died.
 */
export async function up(options: UpOptions = {}): Promise<ClusterState & { reused: boolean }> {
  const dir = options.dir ?? defaultClusterDir();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const existing = readState(dir);
  if (existing && (await isHealthy(existing))) {
    log(`test-cluster: reusing the cluster already running in ${dir}`);
    return { ...existing, reused: true };
  }
  const release = acquireLock(dir);
  try {
    const again = readState(dir);
    if (again && (await isHealthy(again))) return { ...again, reused: true };
    if (again || existsSync(dir)) {
      if (again) log('test-cluster: a previous cluster in this directory is not healthy; stopping what is left of it');
      await down({ dir, log: () => undefined });
    }
    const binaries = await ensureBinaries({ log });
    return { ...(await start(dir, binaries, options, log)), reused: false };
  } finally {
    release();
  }
}

async function start(dir: string, bin: Binaries, options: UpOptions, log: (line: string) => void): Promise<ClusterState> {
  const started = Date.now();
  const timeoutMs = (options.timeoutSeconds ?? 90) * 1000;
  mkdirSync(dir, { recursive: true });
  const pidsFile = join(dir, 'pids');
  writeFileSync(pidsFile, '');
  // Until start-up has finished, the caller owns the cluster: if it dies half-way, the watchdog cleans up.
  let watchdogPid = startWatchdog(options.ownerPid ?? process.pid, pidsFile, dir);
  const processes: ClusterProcess[] = [];
  const launch = (name: string, binary: string, args: string[]) => {
    const p = startProcess(name, binary, args, join(dir, `${name}.log`));
    processes.push(p);
    writeFileSync(pidsFile, processes.map((x) => x.pid).join('\n') + '\n');
    return p;
  };
  const deadCheck = (p: ClusterProcess) => () => (isAlive(p.pid) ? undefined : `${p.name} exited; last lines of ${p.log}:\n${logTail(p.log)}`);

  try {
    log(`test-cluster: starting in ${dir}`);
    const certs = createCerts(dir);
    const ca = readFileSync(certs.caCert);
    const [etcdPort, etcdPeerPort, apiPort, kcmPort, schedPort, kwokPort] = await freePorts(6);
    const server = `https://127.0.0.1:${apiPort}`;

    const etcd = launch('etcd', bin.etcd, [
      `--data-dir=${join(dir, 'etcd')}`,
      '--name=default',
      `--listen-client-urls=http://127.0.0.1:${etcdPort}`,
      `--advertise-client-urls=http://127.0.0.1:${etcdPort}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
      `--initial-cluster=default=http://127.0.0.1:${etcdPeerPort}`,
      '--unsafe-no-fsync=true',
      '--auto-compaction-retention=1',
      '--quota-backend-bytes=8589934592',
    ]);
    await waitFor('etcd /health', async () => (await get(`http://127.0.0.1:${etcdPort}/health`)).status === 200, {
      timeoutMs,
      stillRunning: deadCheck(etcd),
    });

    const apiserver = launch('kube-apiserver', bin.kubeApiserver, [
      `--etcd-servers=http://127.0.0.1:${etcdPort}`,
      `--cert-dir=${dir}`,
      `--tls-cert-file=${certs.servingCert}`,
      `--tls-private-key-file=${certs.servingKey}`,
      `--client-ca-file=${certs.caCert}`,
      '--bind-address=127.0.0.1',
      `--secure-port=${apiPort}`,
      `--advertise-address=${advertiseAddress()}`,
      '--endpoint-reconciler-type=none',
      '--service-cluster-ip-range=10.96.0.0/16',
      '--allow-privileged=true',
      '--authorization-mode=RBAC',
      '--disable-admission-plugins=ServiceAccount',
      `--service-account-issuer=${server}`,
      `--service-account-key-file=${certs.serviceAccountPub}`,
      `--service-account-signing-key-file=${certs.serviceAccountKey}`,
      '--event-ttl=15m',
    ]);
    await waitFor('kube-apiserver /readyz', async () => (await get(`${server}/readyz`, { ca })).status === 200, {
      timeoutMs,
      stillRunning: deadCheck(apiserver),
    });
    log(`test-cluster: API server ready at ${server} (${secondsSince(started)} s)`);

    const kubeconfig = join(dir, 'admin.kubeconfig');
    writeFileSync(kubeconfig, adminKubeconfig(server, certs), { mode: 0o600 });
    const common = [
      '--kubeconfig',
      kubeconfig,
      '--leader-elect=false',
      '--bind-address=127.0.0.1',
      '--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics',
      `--authentication-kubeconfig=${kubeconfig}`,
      `--authorization-kubeconfig=${kubeconfig}`,
    ];
    const kcm = launch('kube-controller-manager', bin.kubeControllerManager, [
      ...common,
      `--secure-port=${kcmPort}`,
      `--root-ca-file=${certs.caCert}`,
      `--service-account-private-key-file=${certs.serviceAccountKey}`,
      '--use-service-account-credentials=false',
      '--concurrent-deployment-syncs=20',
      '--concurrent-replicaset-syncs=20',
      '--concurrent-namespace-syncs=20',
      '--concurrent-gc-syncs=40',
      '--kube-api-qps=400',
      '--kube-api-burst=800',
    ]);
    const scheduler = launch('kube-scheduler', bin.kubeScheduler, [...common, `--secure-port=${schedPort}`, '--kube-api-qps=400', '--kube-api-burst=800']);
    const kwok = launch('kwok', bin.kwok, [
      `--kubeconfig=${kubeconfig}`,
      `--config=${bin.kwokStages}`,
      '--manage-all-nodes=true',
      '--node-lease-duration-seconds=40',
      '--cidr=10.128.0.0/12',
      `--server-address=127.0.0.1:${kwokPort}`,
    ]);

    const kubectl = (...args: string[]) => run(bin.kubectl, ['--kubeconfig', kubeconfig, ...args]);
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: NODE_NAME,
        annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'kwok.x-k8s.io/node': 'fake' },
        labels: { 'kubernetes.io/hostname': NODE_NAME, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', type: 'kwok' },
      },
    };
    const nodeFile = join(dir, 'node.json');
    writeFileSync(nodeFile, JSON.stringify(node));
    await kubectl('apply', '-f', nodeFile);
    await waitFor(
      `node ${NODE_NAME} Ready (kwok)`,
      async () => (await kubectl('get', 'node', NODE_NAME, '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}')).stdout === 'True',
      { timeoutMs, stillRunning: deadCheck(kwok) },
    );
    await waitFor('kube-scheduler /healthz', async () => (await get(`https://127.0.0.1:${schedPort}/healthz`, { insecure: true })).status === 200, {
      timeoutMs,
      stillRunning: deadCheck(scheduler),
    });
    await waitFor(
      'kube-controller-manager (default ServiceAccount created)',
      async () =>
        (await get(`https://127.0.0.1:${kcmPort}/healthz`, { insecure: true })).status === 200 &&
        (await kubectl('get', 'serviceaccount', 'default', '-n', 'default', '-o', 'name')).stdout.trim() !== '',
      { timeoutMs, stillRunning: deadCheck(kcm) },
    );

    if (options.ownerPid === undefined) {
      // A long-lived cluster: it outlives this process; `down` stops it.
      process.kill(watchdogPid, 'SIGKILL');
      watchdogPid = 0;
    }
    const state: ClusterState = {
      dir,
      kubeconfig,
      server,
      kubectl: bin.kubectl,
      processes,
      watchdogPid: watchdogPid || undefined,
      startedAt: new Date(started).toISOString(),
      startSeconds: secondsSince(started),
    };
    writeFileSync(join(dir, 'cluster.json'), JSON.stringify(state, null, 2));
    log(`test-cluster: ready in ${state.startSeconds} s`);
    return state;
  } catch (err) {
    await stopProcesses(processes, 3000);
    try {
      process.kill(watchdogPid, 'SIGKILL');
    } catch {
      // gone
    }
    throw err;
  }
}

/** Stops every process of the cluster in `dir` (SIGTERM, then SIGKILL) and removes the directory. */
export async function down(options: { dir?: string; log?: (line: string) => void } = {}): Promise<boolean> {
  const dir = options.dir ?? defaultClusterDir();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const state = readState(dir);
  const pidsFile = join(dir, 'pids');
  const pids = existsSync(pidsFile) ? readFileSync(pidsFile, 'utf8').split('\n').filter(Boolean).map(Number) : [];
  const processes: ClusterProcess[] = state?.processes ?? pids.map((pid) => ({ name: String(pid), pid, log: '' }));
  if (state?.watchdogPid && isAlive(state.watchdogPid)) process.kill(state.watchdogPid, 'SIGKILL');
  // API clients first, then the API server, then etcd: an API server whose etcd is gone hangs in shutdown.
  const isStorage = (p: ClusterProcess) => /^(etcd|kube-apiserver)$/.test(p.name);
  await stopProcesses(processes.filter((p) => !isStorage(p)));
  await stopProcesses(processes.filter((p) => p.name === 'kube-apiserver'));
  await stopProcesses(processes);
  const existed = existsSync(dir);
  rmSync(dir, { recursive: true, force: true });
  if (existed) log(`test-cluster: stopped and removed ${dir}`);
  return existed;
}

function acquireLock(dir: string): () => void {
  const lock = `${dir}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    } catch {
      const holder = Number(readFileSync(lock, 'utf8'));
      if (!holder || !isAlive(holder) || attempt > 0) {
        if (holder && isAlive(holder) && holder !== process.pid) {
          throw new Error(`another cluster:up (pid ${holder}) is starting a cluster in ${dir}; wait for it, or run cluster:down`);
        }
        unlinkSync(lock);
      } else {
        throw new Error(`another cluster:up (pid ${holder}) is starting a cluster in ${dir}; wait for it, or run cluster:down`);
      }
    }
  }
}

function advertiseAddress(): string {
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '192.0.2.10'; // TEST-NET-1: any non-loopback address does, the endpoint reconciler is off
}

function secondsSince(t: number): number {
  return Math.round((Date.now() - t) / 100) / 10;
}
