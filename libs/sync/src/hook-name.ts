import type { SyncPhase } from '@fjord/argo';
import type { KubeObject } from '@fjord/k8s-yaml';

/**
 * The name a hook with `generateName` is created with, stable for one operation so it can resume:
 * `<generateName><first 7 chars of the revision>-<phase>-<start time in Unix seconds>`, lower-cased (Argo CD's form).
 */
export function hookName(obj: KubeObject, phase: SyncPhase, revision: string, startedAt: Date): string {
  const name = obj.metadata?.name;
  if (typeof name === 'string' && name !== '') return name;
  const generateName = typeof obj.metadata?.generateName === 'string' ? obj.metadata.generateName : '';
  const rev = revision.length >= 8 ? revision.slice(0, 7) : revision;
  return `${generateName}${`${rev}-${phase}-${Math.floor(startedAt.getTime() / 1000)}`.toLowerCase()}`;
}
