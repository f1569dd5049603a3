import { execFileSync } from 'node:child_process';
import type { KubeObject } from '@fjord/k8s-yaml';
import { ensureBinaries } from '@fjord/test-cluster';

/** kubectl against the test cluster: an oracle independent of the code under test. */
export async function testKubectl(): Promise<{ run(...args: string[]): string; get(...args: string[]): KubeObject }> {
  const bin = (await ensureBinaries({ log: () => undefined })).kubectl;
  const run = (...args: string[]) =>
    execFileSync(bin, ['--kubeconfig', process.env.FJORD_TEST_KUBECONFIG!, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { run, get: (...args) => JSON.parse(run('get', '-o', 'json', ...args)) as KubeObject };
}
