// `npm start`: runs Fjord's four services as separate local processes with their embedded defaults (no Redis),
// against the cluster KUBECONFIG points at. Each line of output is prefixed with the service's name; Ctrl-C
// (or SIGTERM) stops them all.
import { SERVICE_NAMES, spawnService, type ServiceProcess } from '@fjord/devkit';

/** Starts the four services; resolves once each reported its ports. Ctrl-C or SIGTERM stops them all. */
export async function startServices(options: { env?: NodeJS.ProcessEnv; args?: string[]; quiet?: boolean } = {}): Promise<ServiceProcess[]> {
  const running: ServiceProcess[] = [];
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
  for (const name of SERVICE_NAMES) {
    try {
      const svc = await spawnService(name, {
        args: options.args ?? [],
        env: options.env,
        onLine: (line) => {
          if (!options.quiet || /"level":"(warn|error|fatal)"/.test(line)) process.stdout.write(`${name.padEnd(width)} | ${line}\n`);
        },
      });
      svc.child.once('exit', (code) => {
        if (!stopping) {
          process.stderr.write(`${name} exited unexpectedly (code ${code}); stopping the others\n`);
          void stopAll(1);
        }
      });
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
        running.map((s) => `  ${s.name.padEnd(width)}  gRPC 127.0.0.1:${s.grpcPort}  metrics http://127.0.0.1:${s.metricsPort}/metrics`).join('\n') +
        '\nPress Ctrl-C to stop.\n',
    );
  });
}
