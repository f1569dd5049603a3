import { down } from '../src/cluster';

/** Jest global teardown: stops the cluster the global setup started (a reused one keeps running). */
export default async function globalTeardown(): Promise<void> {
  const dir = process.env.FJORD_TEST_CLUSTER_OWNED_DIR;
  if (!dir) return;
  delete process.env.FJORD_TEST_CLUSTER_OWNED_DIR;
  delete process.env.FJORD_TEST_KUBECONFIG;
  await down({ dir, log: () => undefined });
}
