import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from './repo-root';

/** Fjord's four services, in the order they start. */
export const SERVICE_NAMES = ['repo-server', 'secrets', 'app-controller', 'api-gateway'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Options for starting one service process. */
export interface SpawnServiceOptions {
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** Receives each line the process writes (stdout and stderr). */
  onLine?: (line: string) => void;
  /** How long to wait for the "listening" line. */
  startTimeoutMs?: number;
  /** Extra Node.js flags, e.g. `--cpu-prof` to profile a service in a benchmark. */
  nodeArgs?: string[];
}

/** A service running as its own process. */
export interface ServiceProcess {
  name: ServiceName;
  child: ChildProcess;
  grpcPort: number;
  metricsPort: number;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code (null when killed by a signal). */
  stop(graceMs?: number): Promise<number | null>;
}

/**
 * Starts `services/<name>/src/main.ts` under Node with tsx, and resolves once the service logs its "listening"
 * line with the ports it bound. Rejects with the process's last lines if it exits or times out first.
 */
export function spawnService(name: ServiceName, options: SpawnServiceOptions = {}): Promise<ServiceProcess> {
  const root = repoRoot();
  // tsx compiles the whole process with one tsconfig: the service's own when it has one (the api-gateway's turns on
  // legacy decorators for Nest, ADR 0008), else the root's found from the working directory.
  const tsconfig = join(root, 'services', name, 'tsconfig.json');
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', join(root, 'services', name, 'src/main.ts'), ...(options.args ?? [])],
    {
      cwd: root,
      env: { ...process.env, ...(existsSync(tsconfig) ? { TSX_TSCONFIG_PATH: tsconfig } : {}), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const tail: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not report "listening" within ${options.startTimeoutMs ?? 30_000} ms:\n${tail.join('\n')}`));
    }, options.startTimeoutMs ?? 30_000);
    const onLine = (line: string) => {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      options.onLine?.(line);
      if (!line.includes('"listening"')) return;
      try {
        const { grpcPort, metricsPort } = JSON.parse(line) as { grpcPort: number; metricsPort: number };
        clearTimeout(timer);
        resolve({
          name,
          child,
          grpcPort,
          metricsPort,
          async stop(graceMs = 10_000) {
            if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
            child.kill('SIGTERM');
            const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
            const code = await exited;
            clearTimeout(killer);
            return code;
          },
        });
      } catch {
        // not the JSON line we wait for
      }
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code} before it was ready:\n${tail.join('\n')}`));
    });
  });
}

/** An api-gateway process and the base URL of its REST API. */
export interface GatewayProcess {
  process: ServiceProcess;
  /** e.g. http://127.0.0.1:PORT */
  url: string;
}

/**
 * Starts the api-gateway like spawnService, and also reads the port its HTTP API bound from its "http listening"
 * line (the gRPC port comes from the usual "listening" line).
 */
export async function spawnGateway(options: SpawnServiceOptions = {}): Promise<GatewayProcess> {
  let httpPort = 0;
  const process = await spawnService('api-gateway', {
    ...options,
    onLine: (line) => {
      if (line.includes('"http listening"')) httpPort = (JSON.parse(line) as { httpPort: number }).httpPort;
      options.onLine?.(line);
    },
  });
  if (!httpPort) {
    await process.stop();
    throw new Error('api-gateway did not report its HTTP port ("http listening") before it was ready');
  }
  return { process, url: `http://127.0.0.1:${httpPort}` };
}

/** Options of spawnRepoServer: where its repository cache lives, besides spawnService's (`args` adds flags). */
export interface RepoServerOptions extends SpawnServiceOptions {
  cacheDir: string;
}

/** Starts a repo-server on free ports with its repository cache in `cacheDir`. */
export function spawnRepoServer(options: RepoServerOptions): Promise<ServiceProcess> {
  const { cacheDir, args = [], ...rest } = options;
  return spawnService('repo-server', { ...rest, args: ['--port', '0', '--metrics-port', '0', '--repo-cache-dir', cacheDir, ...args] });
}

/** Options of spawnController: the repo-server it renders with, besides spawnService's (`args` adds flags). */
export interface ControllerOptions extends SpawnServiceOptions {
  repoServer: ServiceProcess;
}

/** Starts an app-controller on free ports, rendering with `repoServer`. */
export function spawnController(options: ControllerOptions): Promise<ServiceProcess> {
  const { repoServer, args = [], ...rest } = options;
  return spawnService('app-controller', {
    ...rest,
    args: ['--port', '0', '--metrics-port', '0', '--repo-server', `127.0.0.1:${repoServer.grpcPort}`, ...args],
  });
}

/** A gRPC address nothing listens on: a test gateway's calls to a service it was not given fail at once. */
const NO_SERVICE = '127.0.0.1:1';

/** Options of spawnTestGateway: the namespace it serves and the services it calls, besides spawnService's (`args` adds flags). */
export interface TestGatewayOptions extends SpawnServiceOptions {
  namespace: string;
  /** The app-controller it calls; when absent, calls to it fail at once. */
  controller?: ServiceProcess;
  /** The repo-server it calls; when absent, calls to it fail at once. */
  repoServer?: ServiceProcess;
}

/** Starts an api-gateway on free ports for a test, serving `namespace` and calling the given services. */
export function spawnTestGateway(options: TestGatewayOptions): Promise<GatewayProcess> {
  const { namespace, controller, repoServer, args = [], ...rest } = options;
  const address = (service?: ServiceProcess) => (service ? `127.0.0.1:${service.grpcPort}` : NO_SERVICE);
  return spawnGateway({
    ...rest,
    args: [
      '--port',
      '0',
      '--grpc-port',
      '0',
      '--metrics-port',
      '0',
      '--namespace',
      namespace,
      '--controller',
      address(controller),
      '--repo-server',
      address(repoServer),
      ...args,
    ],
  });
}

/** Options of spawnFjord: the environment the three services share, and each one's own spawn options. */
export interface FjordServicesOptions {
  env: NodeJS.ProcessEnv;
  repoServer: Omit<RepoServerOptions, 'env'>;
  controller?: Omit<ControllerOptions, 'env' | 'repoServer'>;
  gateway?: Omit<SpawnServiceOptions, 'env' | 'args'>;
}

/** The services on the path from a commit to a synced app, each its own process. */
export interface FjordServices {
  repoServer: ServiceProcess;
  controller: ServiceProcess;
  gateway: GatewayProcess;
  /** The three processes, the gateway first: the order to stop them in. */
  processes: ServiceProcess[];
}

/**
 * Starts a repo-server, an app-controller rendering with it and an api-gateway on free ports calling that
 * controller; when one fails to start, stops those already running and rethrows.
 */
export async function spawnFjord(options: FjordServicesOptions): Promise<FjordServices> {
  const { env } = options;
  const started: ServiceProcess[] = [];
  try {
    const repoServer = await spawnRepoServer({ ...options.repoServer, env });
    started.unshift(repoServer);
    const controller = await spawnController({ ...options.controller, repoServer, env });
    started.unshift(controller);
    const gatewayArgs = ['--port', '0', '--grpc-port', '0', '--metrics-port', '0', '--controller', `127.0.0.1:${controller.grpcPort}`];
    const gateway = await spawnGateway({ ...options.gateway, args: gatewayArgs, env });
    return { repoServer, controller, gateway, processes: [gateway.process, ...started] };
  } catch (err) {
    for (const s of started) await s.stop().catch(() => undefined);
    throw err;
  }
}
