import type { Draw } from './draw';
import { textValue, word, words } from './values';

/** The kinds a case's resources are drawn from: built-in ones with merge keys, and a kind with no schema. */
export type ResourceKind = 'Deployment' | 'Service' | 'ConfigMap' | 'Widget' | 'StatefulSet';

/** A resource written into a case, with what patches and transformers need to aim at it. */
export interface CaseResource {
  apiVersion: string;
  kind: ResourceKind;
  name: string;
  object: Record<string, unknown>;
}

export const RESOURCE_KINDS: readonly ResourceKind[] = ['Deployment', 'Service', 'ConfigMap', 'Widget', 'StatefulSet'];
export const RESOURCE_NAMES = ['web', 'api', 'db'] as const;
/** Names generators use; workloads refer to them, so name references follow prefixes and hash suffixes. */
export const GENERATED_NAMES = ['cfg', 'creds', 'extra'] as const;
export const IMAGES = ['nginx', 'redis', 'example.com/team/app', 'busybox'] as const;

const API_VERSIONS: Record<ResourceKind, string> = {
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  Service: 'v1',
  ConfigMap: 'v1',
  Widget: 'example.com/v1',
};

/** One resource of `kind` named `name`, with random contents. */
export function makeResource(d: Draw, kind: ResourceKind, name: string): CaseResource {
  const metadata: Record<string, unknown> = { name };
  if (d.chance(0.5)) metadata.labels = { app: name, ...(d.chance(0.3) ? { tier: d.pick(['front', 'back']) } : {}) };
  if (d.chance(0.2)) metadata.annotations = { note: textValue(d).value };
  if (d.chance(0.1)) metadata.namespace = d.pick(['default', 'team']);
  const object: Record<string, unknown> = { apiVersion: API_VERSIONS[kind], kind, metadata };
  switch (kind) {
    case 'Deployment':
    case 'StatefulSet':
      object.spec = workloadSpec(d, kind, name);
      break;
    case 'Service':
      object.spec = {
        selector: { app: name },
        ports: Array.from({ length: d.int(1, 2) }, (_, i) => ({ name: `p${i}`, port: 80 + i, ...(d.chance(0.5) ? { targetPort: 8080 + i } : {}) })),
      };
      break;
    case 'ConfigMap':
      object.data = Object.fromEntries(Array.from({ length: d.int(0, 3) }, (_, i) => [`k${i}`, textValue(d).value]));
      break;
    case 'Widget':
      object.spec = { size: d.int(0, 9), color: d.from(word), items: d.from(words), ref: { configMap: d.pick(GENERATED_NAMES) } };
      break;
  }
  return { apiVersion: API_VERSIONS[kind], kind, name, object };
}

function workloadSpec(d: Draw, kind: ResourceKind, name: string): Record<string, unknown> {
  const containers = Array.from({ length: d.int(1, 2) }, (_, i) => container(d, i));
  const volumes: Record<string, unknown>[] = [];
  if (d.chance(0.5)) volumes.push({ name: 'config', configMap: { name: d.pick(GENERATED_NAMES) } });
  if (d.chance(0.4)) volumes.push({ name: 'secret', secret: { secretName: d.pick(GENERATED_NAMES) } });
  const spec: Record<string, unknown> = {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers, ...(volumes.length ? { volumes } : {}) } },
  };
  if (d.chance(0.7)) spec.replicas = d.int(0, 5);
  if (kind === 'StatefulSet') {
    spec.serviceName = name;
    if (d.chance(0.5)) spec.volumeClaimTemplates = [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }];
  }
  return spec;
}

function container(d: Draw, i: number): Record<string, unknown> {
  const image = d.pick(IMAGES);
  const c: Record<string, unknown> = { name: `c${i}`, image: d.chance(0.6) ? `${image}:${d.pick(['1.0', 'latest', '2'])}` : image };
  if (d.chance(0.4)) c.env = Array.from({ length: d.int(1, 3) }, (_, j) => ({ name: `E${j}`, value: textValue(d).value }));
  if (d.chance(0.3)) c.envFrom = [d.chance(0.5) ? { configMapRef: { name: d.pick(GENERATED_NAMES) } } : { secretRef: { name: d.pick(GENERATED_NAMES) } }];
  if (d.chance(0.3)) c.ports = [{ containerPort: 8080, name: 'http' }];
  return c;
}
