// `npm run cluster:up` / `cluster:down` / `cluster:status`: a real local Kubernetes control plane for development.
import { defaultClusterDir, down, isHealthy, readState, up } from './cluster';

async function main(command: string | undefined): Promise<number> {
  switch (command) {
    case 'up': {
      const state = await up();
      process.stdout.write(`export KUBECONFIG=${state.kubeconfig}\n`);
      return 0;
    }
    case 'down':
      if (!(await down())) process.stderr.write(`test-cluster: no cluster in ${defaultClusterDir()}\n`);
      return 0;
    case 'status': {
      const state = readState();
      if (!state) {
        process.stdout.write('no cluster\n');
        return 1;
      }
      const healthy = await isHealthy(state);
      process.stdout.write(`${healthy ? 'running' : 'unhealthy'}: ${state.server}\nexport KUBECONFIG=${state.kubeconfig}\n`);
      return healthy ? 0 : 1;
    }
    default:
      process.stderr.write('usage: cluster (up|down|status)\n');
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`test-cluster: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
