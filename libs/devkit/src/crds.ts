import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiextensionsV1Api, PatchStrategy, setHeaderOptions, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { eventually } from './eventually';
import { repoRoot } from './repo-root';

/** The CRDs of deploy/crds (Application, AppProject, SealedSecret), parsed. */
export function fjordCrds(): KubernetesObject[] {
  const dir = join(repoRoot(), 'deploy/crds');
  return readdirSync(dir)
    .filter((f) => f.endsWith('-crd.yaml'))
    .flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJS() as KubernetesObject));
}

/**
 * Applies Fjord's CRDs with server-side apply and waits until each is Established. Idempotent. The body goes as is:
 * the client's typed serializer (KubernetesObjectApi) would drop the schemas' `x-kubernetes-*` keys, so that, say,
 * `helm.valuesObject` would lose its `x-kubernetes-preserve-unknown-fields` and be pruned to `{}`.
 */
export async function installCrds(kc: KubeConfig): Promise<string[]> {
  const ext = kc.makeApiClient(ApiextensionsV1Api);
  const names: string[] = [];
  for (const crd of fjordCrds()) {
    const name = crd.metadata!.name!;
    await ext.patchCustomResourceDefinition(
      { name, body: crd, fieldManager: 'fjord-test', force: true },
      setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
    );
    names.push(name);
  }
  for (const name of names) {
    await eventually(
      async () => {
        const crd = await ext.readCustomResourceDefinition({ name });
        if (!crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) throw new Error(`${name} not established`);
      },
      { timeoutMs: 30_000 },
    );
  }
  return names;
}
