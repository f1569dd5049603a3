import { parseAllDocuments } from 'yaml';

/**
 * The benchmark's config repository: one directory per app, one file per resource. Each app has a Deployment (one
 * replica), a Service and `resources - 2` ConfigMaps of ~1 KB, the shape DESIGN.md §6 describes ("a few small
 * resources, one replica"). The same files feed the plain client of the floor measurement.
 */
export const MIN_RESOURCES = 3;

/** The name of app `index` (zero-based), e.g. app-0007. Also its destination namespace's suffix. */
export function appName(index: number): string {
  return `app-${String(index).padStart(4, '0')}`;
}

/** The repository path of an app's directory. */
export function appPath(index: number): string {
  return `apps/${appName(index)}`;
}

/** The path of the ConfigMap the webhook measurement edits. */
export function editedConfigPath(index: number): string {
  return `${appPath(index)}/config-0.yaml`;
}

/** A ConfigMap's manifest; `value` is what the webhook measurement changes. */
export function configMap(k: number, value = 'v0'): string {
  // ~1 KB of data, as small configs are
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-${k}\ndata:\n  value: "${value}"\n  settings: "${'x'.repeat(1000)}"\n`;
}

/** Every file of app `index` with `resources` resources, keyed by repository path. */
export function appFiles(index: number, resources: number): Record<string, string> {
  if (!Number.isInteger(resources) || resources < MIN_RESOURCES) {
    throw new Error(`resources per app must be an integer of at least ${MIN_RESOURCES} (a Deployment, a Service and ConfigMaps), got ${resources}`);
  }
  const dir = appPath(index);
  const files: Record<string, string> = {
    [`${dir}/deployment.yaml`]:
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n' +
      '  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: registry.local/web:v1\n          ports: [{containerPort: 8080}]\n',
    [`${dir}/service.yaml`]: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n',
  };
  for (let k = 0; k < resources - 2; k++) files[`${dir}/config-${k}.yaml`] = configMap(k);
  return files;
}

/** The repository of `apps` apps. */
export function repoFiles(apps: number, resources: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < apps; i++) Object.assign(files, appFiles(i, resources));
  return files;
}

/** A Kubernetes object as the plain client applies it. */
export interface PlainObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  [field: string]: unknown;
}

/** App `index`'s objects in `namespace`, parsed from the same files Fjord renders. */
export function appObjects(index: number, resources: number, namespace: string): PlainObject[] {
  return Object.values(appFiles(index, resources)).map((text) => {
    const object = parseAllDocuments(text)[0].toJS() as PlainObject;
    return { ...object, metadata: { ...object.metadata, namespace } };
  });
}
