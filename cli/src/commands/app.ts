import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { OperationPhase, SyncStatus } from '@fjord/argo';
import { HealthStatusCode } from '@fjord/health';
import { parseManifests } from '@fjord/k8s-yaml';
import { ApiClient } from './api-client';
import { appDetails, appTable, historyTable, progressLine, type AppView } from './app-view';
import { printAs } from './output';

type Out = (text: string) => void;
const collect = (value: string, previous: string[] = []) => [...previous, value];
const enc = encodeURIComponent;

/** Reads one application from the gateway. */
const getApp = (client: ApiClient, name: string) => client.request<AppView>('GET', `/api/v1/applications/${enc(name)}`);

interface CreateFlags {
  file?: string;
  repo?: string;
  path?: string;
  revision?: string;
  destServer?: string;
  destName?: string;
  destNamespace?: string;
  project?: string;
  syncPolicy?: string;
  autoPrune?: boolean;
  selfHeal?: boolean;
  syncOption?: string[];
  label?: string[];
  upsert?: boolean;
  validate?: boolean;
}

/** The Application `app create` sends: from `-f FILE`, or built from the flags. */
export function appFromFlags(name: string | undefined, f: CreateFlags): Record<string, unknown> {
  if (f.file) {
    const [app] = parseManifests(readFileSync(f.file, 'utf8'), f.file);
    if (!app || app.kind !== 'Application') throw new Error(`${f.file} holds no Application`);
    const { namespace: _namespace, ...metadata } = app.metadata as Record<string, unknown>;
    return { ...app, metadata: { ...metadata, ...(name ? { name } : {}) } };
  }
  if (!name || !f.repo || (!f.destServer && !f.destName)) throw new Error('app create needs NAME, --repo and --dest-server (or --dest-name), or -f FILE');
  const automated = f.syncPolicy === 'automated' || f.syncPolicy === 'auto' ? { prune: !!f.autoPrune, selfHeal: !!f.selfHeal } : undefined;
  const labels = Object.fromEntries((f.label ?? []).map((l) => l.split('=') as [string, string]));
  return {
    metadata: { name, ...(Object.keys(labels).length ? { labels } : {}) },
    spec: {
      project: f.project ?? 'default',
      source: { repoURL: f.repo, path: f.path ?? '', targetRevision: f.revision ?? 'HEAD' },
      destination: { ...(f.destServer ? { server: f.destServer } : { name: f.destName }), namespace: f.destNamespace ?? '' },
      ...(automated || f.syncOption?.length
        ? { syncPolicy: { ...(automated ? { automated } : {}), ...(f.syncOption?.length ? { syncOptions: f.syncOption } : {}) } }
        : {}),
    },
  };
}

/** Reads `--resource GROUP:KIND:NAME` (or GROUP:KIND:NAMESPACE/NAME) as Argo CD's CLI does. */
export function parseResource(spec: string): { group: string; kind: string; name: string; namespace?: string } {
  const parts = spec.split(':');
  if (parts.length !== 3 || !parts[1] || !parts[2]) throw new Error(`--resource ${spec}: expected GROUP:KIND:NAME`);
  const [group, kind, target] = parts;
  const [namespace, name] = target.includes('/') ? target.split('/', 2) : [undefined, target];
  return { group, kind, name, ...(namespace ? { namespace } : {}) };
}

/** Whether an app meets what `app wait` waits for. */
export function waitSatisfied(a: AppView, want: { health?: boolean; sync?: boolean; operation?: boolean }): boolean {
  const all = !want.health && !want.sync && !want.operation;
  const healthy = a.status?.health?.status === HealthStatusCode.Healthy;
  const synced = a.status?.sync?.status === SyncStatus.Synced;
  const opDone = !a.operation && a.status?.operationState?.phase !== OperationPhase.Running;
  return (!(want.health || all) || healthy) && (!(want.sync || all) || synced) && (!(want.operation || all) || opDone);
}

async function waitFor(name: string, want: { health?: boolean; sync?: boolean; operation?: boolean }, timeoutSeconds: number, out: Out): Promise<void> {
  const client = ApiClient.fromConfig();
  let last = '';
  const check = (a: AppView) => {
    const line = progressLine(a);
    if (line.slice(25) !== last) out(line);
    last = line.slice(25);
    return waitSatisfied(a, want);
  };
  if (check(await getApp(client, name))) return;
  const abort = new AbortController();
  const timer = timeoutSeconds > 0 ? setTimeout(() => abort.abort(), timeoutSeconds * 1000) : undefined;
  try {
    await client.stream(
      `/api/v1/stream/applications?name=${enc(name)}`,
      (data) => {
        const { type, application } = (data as { result: { type: string; application: AppView } }).result;
        if (type === 'DELETED') throw new Error(`application ${name} was deleted`);
        return check(application);
      },
      abort.signal,
    );
  } catch (err) {
    if (abort.signal.aborted) throw new Error(`timed out (${timeoutSeconds}s) waiting for app ${name}`);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** `fjord app …`: list, get, create, sync, diff, history, rollback, wait, terminate-op and delete applications. */
export function registerAppCommands(program: Command, out: Out): void {
  const app = program.command('app').description('Manage applications');
  const api = () => ApiClient.fromConfig();

  /** `fjord app <command> NAME`: reads the app and prints one view of it, as data with `-o json|yaml`, else as text. */
  const appView = (command: string, description: string, view: (a: AppView) => [data: unknown, text: () => string]) =>
    app
      .command(command)
      .description(description)
      .argument('<name>')
      .option('-o, --output <format>', 'json|yaml')
      .action(async (name: string, o: { output?: string }) => {
        out(printAs(o.output, ...view(await getApp(api(), name))));
      });

  app
    .command('list')
    .description('List applications')
    .option('-o, --output <format>', 'json|yaml|wide')
    .option('-l, --selector <selector>', 'label selector')
    .option('-p, --project <project...>', 'only these projects')
    .action(async (o: { output?: string; selector?: string; project?: string[] }) => {
      const q = new URLSearchParams();
      if (o.selector) q.set('selector', o.selector);
      for (const p of o.project ?? []) q.append('projects', p);
      const { items } = await api().request<{ items: AppView[] }>('GET', `/api/v1/applications?${q}`);
      out(printAs(o.output, items, () => appTable(items)));
    });

  appView('get', 'Show an application: status, health, conditions and resources', (a) => [a, () => appDetails(a)]);

  app
    .command('create')
    .description('Create an application from flags or -f app.yaml')
    .argument('[name]')
    .option('-f, --file <file>', 'an Application manifest')
    .option('--repo <url>')
    .option('--path <path>')
    .option('--revision <rev>')
    .option('--dest-server <url>')
    .option('--dest-name <name>')
    .option('--dest-namespace <ns>')
    .option('--project <project>')
    .option('--sync-policy <policy>', 'manual or automated')
    .option('--auto-prune')
    .option('--self-heal')
    .option('--sync-option <opt>', 'a sync option (repeatable)', collect)
    .option('-l, --label <key=value>', 'a label (repeatable)', collect)
    .option('--upsert', 'update it when it exists')
    .option('--no-validate', 'skip checking the repository, revision and path through the repo-server')
    .action(async (name: string | undefined, f: CreateFlags) => {
      const q = new URLSearchParams({ ...(f.upsert ? { upsert: 'true' } : {}), ...(f.validate === false ? { validate: 'false' } : {}) });
      const created = await api().request<AppView>('POST', `/api/v1/applications${q.size ? `?${q}` : ''}`, appFromFlags(name, f));
      out(`application '${created.metadata.name}' created\n`);
    });

  app
    .command('sync')
    .description('Sync an application to its target revision')
    .argument('<name>')
    .option('--prune', 'delete resources no longer in Git')
    .option('--dry-run', 'preview only')
    .option('--revision <rev>', 'sync to this revision')
    .option('--resource <GROUP:KIND:NAME>', 'sync only this resource (repeatable)', collect)
    .option('--sync-option <opt>', 'a sync option (repeatable)', collect)
    .option('--strategy <apply|hook>')
    .action(
      async (name: string, o: { prune?: boolean; dryRun?: boolean; revision?: string; resource?: string[]; syncOption?: string[]; strategy?: string }) => {
        const body = {
          ...(o.revision ? { revision: o.revision } : {}),
          prune: !!o.prune,
          dryRun: !!o.dryRun,
          ...(o.resource?.length ? { resources: o.resource.map(parseResource) } : {}),
          ...(o.syncOption?.length ? { syncOptions: { items: o.syncOption } } : {}),
          ...(o.strategy ? { strategy: { [o.strategy]: {} } } : {}),
        };
        await api().request('POST', `/api/v1/applications/${enc(name)}/sync`, body);
        out(`sync of '${name}' requested${o.dryRun ? ' (dry run)' : ''}\n`);
      },
    );

  app
    .command('diff')
    .description('Show how the live state differs from Git (exit 1 when it does)')
    .argument('<name>')
    .action(async (name: string) => {
      const { items } = await api().request<{
        items: { ref?: { group?: string; kind?: string; namespace?: string; name?: string }; modified?: boolean; diff?: string }[];
      }>('GET', `/api/v1/applications/${enc(name)}/managed-resources`);
      const changed = items.filter((d) => d.modified);
      for (const d of changed) out(`===== ${d.ref?.group ?? ''}/${d.ref?.kind} ${d.ref?.namespace ?? ''}/${d.ref?.name} ======\n${d.diff ?? ''}\n`);
      if (changed.length) process.exitCode = 1;
    });

  appView('history', 'Show the deployment history', (a) => [a.status?.history ?? [], () => historyTable(a)]);

  app
    .command('rollback')
    .description('Roll back to a history entry')
    .argument('<name>')
    .argument('<id>')
    .option('--prune')
    .option('--dry-run')
    .action(async (name: string, id: string, o: { prune?: boolean; dryRun?: boolean }) => {
      await api().request('POST', `/api/v1/applications/${enc(name)}/rollback`, { id: Number(id), prune: !!o.prune, dryRun: !!o.dryRun });
      out(`rollback of '${name}' to ${id} requested\n`);
    });

  app
    .command('wait')
    .description('Wait until an application is healthy, synced and its operation done')
    .argument('<name>')
    .option('--health')
    .option('--sync')
    .option('--operation')
    .option('--timeout <seconds>', 'give up after this long (0: never)', '0')
    .action(async (name: string, o: { health?: boolean; sync?: boolean; operation?: boolean; timeout: string }) => {
      await waitFor(name, o, Number(o.timeout), out);
      out(`application '${name}' is ready\n`);
    });

  app
    .command('terminate-op')
    .description("Terminate the application's running sync operation")
    .argument('<name>')
    .action(async (name: string) => {
      await api().request('DELETE', `/api/v1/applications/${enc(name)}/operation`);
      out(`application '${name}' operation terminating\n`);
    });

  app
    .command('delete')
    .description('Delete an application (and its resources, unless --cascade=false)')
    .argument('<name>')
    .option('--cascade <bool>', 'delete its resources too', 'true')
    .action(async (name: string, o: { cascade: string }) => {
      await api().request('DELETE', `/api/v1/applications/${enc(name)}?cascade=${o.cascade !== 'false'}`);
      out(`application '${name}' deleted\n`);
    });
}
