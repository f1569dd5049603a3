import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultClusterDir, isHealthy, readState, up } from '../src/cluster';

/**
 * Jest global setup: makes one real cluster available to the run and sets FJORD_TEST_KUBECONFIG for the tests.
 * Order: FJORD_TEST_KUBECONFIG if already set; else the cluster of `npm run cluster:up` if it is healthy; else a
 * new cluster in a temp directory, owned by this Jest process (a watchdog removes it if Jest dies).
 * Runs once even when several projects use it.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.FJORD_TEST_KUBECONFIG) return;
  const shared = readState(defaultClusterDir());
  if (shared && (await isHealthy(shared))) {
    process.env.FJORD_TEST_KUBECONFIG = shared.kubeconfig;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'fjord-jest-cluster-'));
  const state = await up({ dir, ownerPid: process.pid, log: (line) => process.stderr.write(`${line}\n`) });
  process.env.FJORD_TEST_KUBECONFIG = state.kubeconfig;
  process.env.FJORD_TEST_CLUSTER_OWNED_DIR = dir;
}
