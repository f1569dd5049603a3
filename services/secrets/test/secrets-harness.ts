/**
 * What the secrets service's integration tests share: the service run in-process against the test cluster with
 * its HTTP API on a free port, and a scratch folder whose kubeconfig reaches no cluster, for the CLIs they run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runService, type RunningService } from '@fjord/platform';
import { freePorts } from '@fjord/test-cluster';
import { secrets } from '../src/service';

/** A secrets service under test and the base URL of its HTTP API. */
export interface StartedSecrets {
  svc: RunningService;
  http: string;
  stop(): Promise<void>;
}

/** Starts the secrets service with its keys in `keyNamespace`, watching `watchNamespace`; `extra` are more flags. */
export async function startSecrets(keyNamespace: string, watchNamespace: string, extra: string[] = []): Promise<StartedSecrets> {
  const [port] = await freePorts(1);
  const svc = await runService(secrets, [
    '--kubeconfig',
    process.env.FJORD_TEST_KUBECONFIG!,
    '--namespace',
    keyNamespace,
    '--watch-namespace',
    watchNamespace,
    '--port',
    '0',
    '--metrics-port',
    '0',
    '--http-port',
    String(port),
    '--log-level',
    'error',
    '--key-size',
    '2048',
    ...extra,
  ]);
  return { svc, http: `http://127.0.0.1:${port}`, stop: () => svc.stop() };
}

/** A new temporary folder holding a `kubeconfig` with no cluster in it (pass `join(dir, 'kubeconfig')`). */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'kubeconfig'), 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
  return dir;
}
