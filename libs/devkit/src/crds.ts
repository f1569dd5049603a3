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
  const names: string[] = [];
  for (const crd of fjordCrds()) names.push(await applyCrd(kc, crd, { established: false }));
  for (const name of names) await waitEstablished(kc, name);
  return names;
}

/** Applies one CRD as installCrds does (the body as is, server-side) and, unless told not to, waits until it is Established; returns its name. */
export async function applyCrd(kc: KubeConfig, crd: KubernetesObject, options: { established?: boolean } = {}): Promise<string> {
  const name = crd.metadata!.name!;
  await kc
    .makeApiClient(ApiextensionsV1Api)
    .patchCustomResourceDefinition(
      { name, body: crd, fieldManager: 'fjord-test', force: true },
      setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
    );
  if (options.established ?? true) await waitEstablished(kc, name);
  return name;
}

async function waitEstablished(kc: KubeConfig, name: string): Promise<void> {
  const ext = kc.makeApiClient(ApiextensionsV1Api);
  await eventually(
    async () => {
      const crd = await ext.readCustomResourceDefinition({ name });
      if (!crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) throw new Error(`${name} not established`);
    },
    { timeoutMs: 30_000 },
  );
}
