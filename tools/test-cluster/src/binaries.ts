import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** Paths of the binaries the local cluster and the oracle tests use. */
export interface Binaries {
  etcd: string;
  kubeApiserver: string;
  kubeControllerManager: string;
  kubeScheduler: string;
  kubectl: string;
  kwok: string;
  /** kwok's "fast" Stage set (node-initialize, heartbeat with lease, pod ready/complete/delete). */
  kwokStages: string;
  kustomize: string;
  helm: string;
  kubeseal: string;
}

const script = join(__dirname, '..', 'build-binaries.sh');

/**
 * Returns the cached binaries, building the missing ones first (from the Go module proxy; the first build takes
 * minutes and shows progress on stderr). Components are keyed by version in tools/test-cluster/versions.env.
 */
export async function ensureBinaries(options: { log?: (line: string) => void } = {}): Promise<Binaries> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const dirs = await new Promise<Record<string, string>>((resolve, reject) => {
    const child = spawn('bash', [script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => d.toString().split('\n').filter(Boolean).forEach(log));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`building the test-cluster binaries failed (exit ${code}); see the output above`));
      resolve(
        Object.fromEntries(
          out
            .trim()
            .split('\n')
            .map((l) => l.split('=', 2) as [string, string]),
        ),
      );
    });
  });
  return {
    etcd: join(dirs.etcd, 'etcd'),
    kubeApiserver: join(dirs.k8s, 'kube-apiserver'),
    kubeControllerManager: join(dirs.k8s, 'kube-controller-manager'),
    kubeScheduler: join(dirs.k8s, 'kube-scheduler'),
    kubectl: join(dirs.k8s, 'kubectl'),
    kwok: join(dirs.kwok, 'kwok'),
    kwokStages: join(dirs.kwok, 'stages-fast.yaml'),
    kustomize: join(dirs.kustomize, 'kustomize'),
    helm: join(dirs.helm, 'helm'),
    kubeseal: join(dirs.kubeseal, 'kubeseal'),
  };
}
