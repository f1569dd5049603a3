// `npm start`: runs Fjord's four services as separate local processes with their embedded defaults (no Redis),
// against the cluster KUBECONFIG points at. Each line of output is prefixed with the service's name. A service that
// crashes is restarted with backoff (1 s doubling to 30 s) while the others keep running; Ctrl-C (or SIGTERM)
// stops them all. The repo-server serves local repositories (file:// URLs, paths) here, as a development setup.
import { SERVICE_NAMES, SupervisedService } from '@fjord/devkit';

/** Starts the four services under supervision; resolves once each reported its ports. Ctrl-C or SIGTERM stops them. */
export async function startServices(options: { env?: NodeJS.ProcessEnv; args?: string[]; quiet?: boolean } = {}): Promise<SupervisedService[]> {
  const running: SupervisedService[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(running.map((s) => s.stop()));
    process.exit(code);
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));
  const width = Math.max(...SERVICE_NAMES.map((n) => n.length));
  const env = { FJORD_ALLOW_LOCAL_REPOS: process.env.FJORD_ALLOW_LOCAL_REPOS ?? 'true', ...options.env };
  for (const name of SERVICE_NAMES) {
    const svc = new SupervisedService(name, {
      args: options.args ?? [],
      env,
      onLine: (line) => {
        if (!options.quiet || /"level":"(warn|error|fatal)"/.test(line)) process.stdout.write(`${name.padEnd(width)} | ${line}\n`);
      },
      log: (line) => process.stderr.write(`${name.padEnd(width)} | supervisor: ${line}\n`),
    });
    try {
      await svc.start();
      running.push(svc);
    } catch (err) {
      process.stderr.write(`failed to start ${name}: ${(err as Error).message}\n`);
      await stopAll(1);
    }
  }
  return running;
}

if (require.main === module) {
  void startServices().then((running) => {
    const width = Math.max(...running.map((s) => s.name.length));
    process.stdout.write(
      `\nFjord is running (cluster from KUBECONFIG=${process.env.KUBECONFIG ?? '~/.kube/config'}):\n` +
        running
          .map((s) => `  ${s.name.padEnd(width)}  gRPC 127.0.0.1:${s.process?.grpcPort}  metrics http://127.0.0.1:${s.process?.metricsPort}/metrics`)
          .join('\n') +
        '\nA service that crashes is restarted. Press Ctrl-C to stop.\n',
    );
  });
}
