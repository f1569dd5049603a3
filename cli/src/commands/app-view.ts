import type { Application } from '@fjord/argo';
import { table } from './output';

/** An Application as the CLI shows it (the API answers Argo CD's shape). */
export type AppView = Application;

/** `app list` as a table. */
export function appTable(apps: AppView[]): string {
  return table(
    ['NAME', 'CLUSTER', 'NAMESPACE', 'PROJECT', 'STATUS', 'HEALTH', 'SYNCPOLICY', 'REPO', 'PATH', 'TARGET'],
    apps.map((a) => [
      a.metadata.name,
      a.spec.destination?.server ?? a.spec.destination?.name ?? '',
      a.spec.destination?.namespace ?? '',
      a.spec.project ?? 'default',
      a.status?.sync?.status ?? 'Unknown',
      a.status?.health?.status ?? 'Unknown',
      a.spec.syncPolicy?.automated ? 'Auto' : 'Manual',
      a.spec.source?.repoURL ?? '',
      a.spec.source?.path ?? '',
      a.spec.source?.targetRevision ?? '',
    ]),
  );
}

/** `app get` as a summary, its conditions and its resources. */
export function appDetails(a: AppView): string {
  const op = a.status?.operationState;
  const lines = [
    ['Name:', a.metadata.name],
    ['Project:', a.spec.project ?? 'default'],
    ['Server:', a.spec.destination?.server ?? a.spec.destination?.name ?? ''],
    ['Namespace:', a.spec.destination?.namespace ?? ''],
    ['Repo:', a.spec.source?.repoURL ?? ''],
    ['Target:', a.spec.source?.targetRevision ?? ''],
    ['Path:', a.spec.source?.path ?? ''],
    ['Sync Policy:', a.spec.syncPolicy?.automated ? 'Automated' : 'Manual'],
    ['Sync Status:', `${a.status?.sync?.status ?? 'Unknown'}${a.status?.sync?.revision ? ` (${a.status.sync.revision.slice(0, 7)})` : ''}`],
    ['Health Status:', a.status?.health?.status ?? 'Unknown'],
    ...(a.operation?.sync ? [['Operation:', 'Sync requested']] : []),
    ...(op ? [['Operation:', `${op.phase ?? ''}${op.message ? `: ${op.message}` : ''}`]] : []),
  ];
  let text = lines.map(([k, v]) => `${k.padEnd(16)}${v}`).join('\n') + '\n';
  const conditions = a.status?.conditions ?? [];
  if (conditions.length) text += `\nCONDITION\tMESSAGE\n${conditions.map((c) => `${c.type}\t${c.message}`).join('\n')}\n`;
  const resources = a.status?.resources ?? [];
  if (resources.length) {
    text += `\n${table(
      ['GROUP', 'KIND', 'NAMESPACE', 'NAME', 'STATUS', 'HEALTH', 'MESSAGE'],
      resources.map((r) => [r.group ?? '', r.kind, r.namespace ?? '', r.name, r.status ?? '', r.health?.status ?? '', r.health?.message ?? '']),
    )}`;
  }
  return text;
}

/** `app history` as a table. */
export function historyTable(a: AppView): string {
  return table(
    ['ID', 'DATE', 'REVISION'],
    (a.status?.history ?? []).map((h) => [String(h.id), h.deployedAt ?? '', `${h.revision ?? ''}${h.source?.path ? ` (${h.source.path})` : ''}`]),
  );
}

/** One line of `app wait` progress. */
export const progressLine = (a: AppView) =>
  `${new Date().toISOString()}  ${a.metadata.name}  sync=${a.status?.sync?.status ?? 'Unknown'}  health=${a.status?.health?.status ?? 'Unknown'}${a.status?.operationState?.phase ? `  operation=${a.status.operationState.phase}` : ''}\n`;
