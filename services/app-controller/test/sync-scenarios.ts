import fc from 'fast-check';
import type { KubeObject } from '@fjord/k8s-yaml';
import type { Application, SyncOperation } from '@fjord/argo';
import { objectKey, WriteVerb, type RecordedWrite } from './recording-writer';

// Random sync scenarios for the safety properties, and the oracle that says which writes a scenario allows. The
// oracle is written from the user's rules (Argo CD's documentation), not from the planner: it must not share the
// code it checks.

const TRACKING = 'argocd.argoproj.io/tracking-id';
const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';

/** The kinds scenarios use: namespaced, without controllers or health, so an apply is done at once. */
const KINDS = ['ConfigMap', 'Secret', 'ServiceAccount'] as const;
const NAMES = ['a', 'b', 'c', 'd'] as const;
const HOOK_NAMES = ['h1', 'h2'] as const;

/** One random app, its cluster and the operation run on it. */
export interface Scenario {
  app: string;
  /** The app's destination namespace. */
  dest: string;
  /** Another namespace, where look-alikes of the app's objects live. */
  other: string;
  /** The rendered manifests (hooks included), without tracking. */
  desired: KubeObject[];
  /** The live objects before the sync. */
  live: KubeObject[];
  sync: SyncOperation;
  appSyncOptions?: string[];
  managedNamespaceMetadata?: { labels: Record<string, string> };
  /** Whether the app carries a deletion approval given after the operation started. */
  pruneConfirmed: boolean;
}

/** The namespaces a scenario's objects live in, by role; the real-cluster test maps them to fresh ones. */
export interface ScenarioNames {
  app: string;
  dest: string;
  other: string;
}

const obj = (kind: string, name: string, namespace: string | undefined, annotations: Record<string, string>, data?: string): KubeObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}), ...(Object.keys(annotations).length ? { annotations } : {}) },
  ...(kind === 'ServiceAccount' || data === undefined ? {} : kind === 'Secret' ? { stringData: { v: data } } : { data: { v: data } }),
});

const resourceAnnotations = fc
  .record(
    {
      wave: fc.constantFrom(undefined, '-1', '0', '1', '2'),
      prune: fc.constantFrom(undefined, 'Prune=false', 'Prune=confirm', 'Prune=true'),
      del: fc.constantFrom(undefined, 'Delete=false', 'Delete=confirm'),
      replace: fc.constantFrom(undefined, 'Replace=true'),
      pruneLast: fc.constantFrom(undefined, 'PruneLast=true'),
    },
    { requiredKeys: [] },
  )
  .map((a) => {
    const options = [a.prune, a.del, a.replace, a.pruneLast].filter(Boolean).join(',');
    return { ...(a.wave ? { 'argocd.argoproj.io/sync-wave': a.wave } : {}), ...(options ? { [SYNC_OPTIONS]: options } : {}) };
  });

const appOptions = fc.subarray(['PruneLast=true', 'ApplyOutOfSyncOnly=true', 'Prune=false', 'Prune=confirm', 'Replace=true', 'CreateNamespace=true']);

/** Fast-check's generator of scenarios for an app and namespaces named by `names`. */
export function scenarioArbitrary(names: ScenarioNames): fc.Arbitrary<Scenario> {
  const { app, dest, other } = names;
  const ident = fc.record({ kind: fc.constantFrom(...KINDS), name: fc.constantFrom(...NAMES) });
  const desiredResource = fc.record({ id: ident, annotations: resourceAnnotations, data: fc.constantFrom('1', '2') });
  const hook = fc.record({
    name: fc.constantFrom(...HOOK_NAMES),
    type: fc.constantFrom('PreSync', 'Sync', 'PostSync', 'SyncFail', 'PreSync,PostSync'),
    policy: fc.constantFrom(undefined, 'BeforeHookCreation', 'HookSucceeded', 'HookFailed', 'HookSucceeded,BeforeHookCreation'),
    liveBefore: fc.constantFrom('none', 'own', 'stranger'),
  });
  const extraneous = fc.record({ id: ident, annotations: resourceAnnotations });
  const lookalike = fc.record({
    id: ident,
    where: fc.constantFrom('other-namespace', 'other-app', 'copied-id', 'untracked-same-namespace'),
  });
  return fc
    .record({
      resources: fc.uniqueArray(desiredResource, { maxLength: 4, selector: (r) => `${r.id.kind}/${r.id.name}` }),
      hooks: fc.uniqueArray(hook, { maxLength: 2, selector: (h) => h.name }),
      liveOfDesired: fc.array(fc.constantFrom('none', 'same', 'changed', 'untracked'), { minLength: 4, maxLength: 4 }),
      extraneous: fc.uniqueArray(extraneous, { maxLength: 4, selector: (r) => `${r.id.kind}/${r.id.name}` }),
      lookalikes: fc.array(lookalike, { maxLength: 4 }),
      prune: fc.boolean(),
      dryRun: fc.boolean().chain((b) => (b ? fc.boolean() : fc.constant(false))), // a quarter of the runs
      strategyApply: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      select: fc
        .integer({ min: 0, max: 3 })
        .chain((n) =>
          n === 0 ? fc.subarray([...KINDS.flatMap((k) => NAMES.map((m) => `${k}/${m}`))], { minLength: 1, maxLength: 3 }) : fc.constant(undefined),
        ),
      selectAnyNamespace: fc.boolean(),
      opOptions: fc.option(appOptions, { nil: undefined }),
      appOptions: fc.option(appOptions, { nil: undefined }),
      namespaceMetadata: fc.boolean(),
      pruneConfirmed: fc.boolean(),
    })
    .map((r): Scenario => {
      const trackingOf = (owner: string, kind: string, namespace: string, name: string) => `${owner}:/${kind}:${namespace}/${name}`;
      const desired: KubeObject[] = r.resources.map((d) => obj(d.id.kind, d.id.name, undefined, d.annotations, d.data));
      const live = new Map<string, KubeObject>();
      const put = (o: KubeObject) => live.has(objectKey(o)) || live.set(objectKey(o), o);
      r.resources.forEach((d, i) => {
        const state = r.liveOfDesired[i];
        if (state === 'none') return;
        const tracking: Record<string, string> = state === 'untracked' ? {} : { [TRACKING]: trackingOf(app, d.id.kind, dest, d.id.name) };
        put(obj(d.id.kind, d.id.name, dest, { ...d.annotations, ...tracking }, state === 'changed' ? 'old' : d.data));
      });
      for (const h of r.hooks) {
        const annotations = { 'argocd.argoproj.io/hook': h.type, ...(h.policy ? { 'argocd.argoproj.io/hook-delete-policy': h.policy } : {}) };
        desired.push(obj('ConfigMap', h.name, undefined, annotations, 'hook'));
        if (h.liveBefore === 'own') put(obj('ConfigMap', h.name, dest, { ...annotations, [TRACKING]: trackingOf(app, 'ConfigMap', dest, h.name) }, 'old'));
        if (h.liveBefore === 'stranger') put(obj('ConfigMap', h.name, dest, {}, 'not-a-hook'));
      }
      for (const e of r.extraneous) put(obj(e.id.kind, e.id.name, dest, { ...e.annotations, [TRACKING]: trackingOf(app, e.id.kind, dest, e.id.name) }, 'x'));
      for (const l of r.lookalikes) {
        const { kind, name } = l.id;
        if (l.where === 'other-namespace') put(obj(kind, name, other, { [TRACKING]: trackingOf(`${app}-other`, kind, other, name) }, 'y'));
        if (l.where === 'other-app') put(obj(kind, name, dest, { [TRACKING]: trackingOf(`${app}-other`, kind, dest, name) }, 'y'));
        if (l.where === 'copied-id') put(obj(kind, name, dest, { [TRACKING]: trackingOf(app, kind, dest, `${name}-original`) }, 'y'));
        if (l.where === 'untracked-same-namespace') put(obj(kind, name, dest, {}, 'y'));
      }
      const resources = r.select?.map((s) => {
        const [kind, name] = s.split('/');
        return { group: '', kind, name, ...(r.selectAnyNamespace ? {} : { namespace: dest }) };
      });
      return {
        app,
        dest,
        other,
        desired,
        live: [...live.values()],
        sync: {
          prune: r.prune,
          dryRun: r.dryRun,
          ...(resources ? { resources } : {}),
          ...(r.opOptions ? { syncOptions: r.opOptions } : {}),
          ...(r.strategyApply ? { syncStrategy: { apply: {} } } : {}),
        },
        appSyncOptions: r.appOptions,
        managedNamespaceMetadata: r.namespaceMetadata ? { labels: { team: 'fjord' } } : undefined,
        pruneConfirmed: r.pruneConfirmed,
      };
    });
}

/** The Application a scenario syncs (in namespace `appNamespace`), with its operation. */
export function scenarioApp(s: Scenario, appNamespace: string, startedAt: string): Application {
  const approval = s.pruneConfirmed ? { 'argocd.argoproj.io/deletion-approved': startedAt } : {};
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: s.app, namespace: appNamespace, annotations: approval },
    spec: {
      project: 'default',
      source: { repoURL: 'https://git.example/config.git', targetRevision: 'HEAD', path: '.' },
      destination: { server: 'https://kubernetes.default.svc', namespace: s.dest },
      syncPolicy: {
        ...(s.appSyncOptions ? { syncOptions: s.appSyncOptions } : {}),
        ...(s.managedNamespaceMetadata ? { managedNamespaceMetadata: s.managedNamespaceMetadata } : {}),
      },
    },
    operation: { sync: s.sync, initiatedBy: { username: 'property-test' } },
  } as unknown as Application;
}

/** The last value an option list gives `key` (a later item wins, as in Argo CD). */
function option(list: readonly string[] | undefined, key: string): string | undefined {
  let value: string | undefined;
  for (const item of list ?? []) if (item.startsWith(`${key}=`)) value = item.slice(key.length + 1);
  return value;
}

/** The value of `key` in an object's own sync-options annotation, if it sets one. */
function objectOption(o: KubeObject, key: string): string | undefined {
  const list = annotations(o)
    [SYNC_OPTIONS]?.split(',')
    .map((x) => x.trim());
  return option(list, key);
}

const annotations = (o: KubeObject) => (o.metadata?.annotations ?? {}) as Record<string, string>;
const isHook = (o: KubeObject) => annotations(o)['argocd.argoproj.io/hook'] !== undefined;
const keyIn = (o: KubeObject, dest: string) => objectKey({ ...o, metadata: { ...o.metadata, namespace: o.metadata?.namespace ?? dest } });

/** What a scenario allows: the objects it may write, those it may delete, those it may create. */
export interface Allowed {
  /** Keys the sync may apply to (and, when `deletable` says so, delete). */
  writable: Set<string>;
  /** Keys of the app's resources the sync may delete as a prune. */
  prunable: Set<string>;
  /** Keys of hooks: deletable only while the live object is the app's own hook. */
  hooks: Set<string>;
}

/** The oracle: what the user's rules allow a scenario's sync to write and delete. */
export function allowedWrites(s: Scenario): Allowed {
  const sync = s.sync;
  const options = sync.syncOptions ?? s.appSyncOptions;
  const selected = (key: string) => {
    if (!sync.resources?.length) return true;
    const [group, kind, namespace, name] = key.split('/');
    return sync.resources.some((r) => (r.group ?? '') === group && r.kind === kind && r.name === name && (!r.namespace || r.namespace === namespace));
  };
  const tracked = s.live.filter((o) => annotations(o)[TRACKING] === `${s.app}:/${o.kind}:${o.metadata?.namespace}/${o.metadata?.name}`);
  const desired = s.desired.filter((o) => !isHook(o)).map((o) => keyIn(o, s.dest));
  const hooksRun = !sync.resources?.length && !sync.syncStrategy?.apply;
  const hooks = new Set(hooksRun ? s.desired.filter(isHook).map((o) => keyIn(o, s.dest)) : []);
  const prunable = new Set<string>();
  for (const o of tracked) {
    const key = objectKey(o);
    if (desired.includes(key) || isHook(o) || !selected(key) || sync.prune !== true) continue;
    const mode = objectOption(o, 'Prune') ?? option(options, 'Prune') ?? 'true';
    if (mode === 'true' || (mode === 'confirm' && s.pruneConfirmed)) prunable.add(key);
  }
  const writable = new Set([...desired.filter(selected), ...prunable, ...hooks]);
  if (option(options, 'CreateNamespace') === 'true') writable.add(`/Namespace//${s.dest}`);
  return { writable, prunable, hooks };
}

/** The keys the app tracks (after a sync), and which of them its deletion may delete (`Delete=false` stays). */
export function appDeletable(managed: readonly KubeObject[], approved: boolean): Set<string> {
  const out = new Set<string>();
  for (const o of managed) {
    const mode = objectOption(o, 'Delete') ?? 'true';
    if (mode === 'true' || (mode === 'confirm' && approved)) out.add(objectKey(o));
  }
  return out;
}

/**
 * The safety violations of a sync's recorded writes: a dry run that wrote; a write outside the app's resources,
 * hooks and namespace (or outside the selection); a delete the operation did not ask for or the resource forbids;
 * a hook delete of an object that was not the app's own hook when it was deleted (a delete of nothing is no harm).
 */
export function writeViolations(s: Scenario, allowed: Allowed, writes: readonly RecordedWrite[]): string[] {
  const out: string[] = [];
  const ownHook = (w: RecordedWrite) => {
    const [, kind, namespace, name] = w.key.split('/');
    return w.liveTracking === `${s.app}:/${kind}:${namespace}/${name}`;
  };
  writes.forEach((w) => {
    if (w.dryRun) return;
    if (s.sync.dryRun) out.push(`dry run wrote: ${w.verb} ${w.key}`);
    else if (!allowed.writable.has(w.key)) out.push(`wrote outside the app's resources${s.sync.resources?.length ? ' (selection)' : ''}: ${w.verb} ${w.key}`);
    else if (w.verb === WriteVerb.Delete && !allowed.prunable.has(w.key) && !(allowed.hooks.has(w.key) && (ownHook(w) || w.liveExisted === false)))
      out.push(`deleted what it was not asked to: ${w.key}`);
  });
  return out;
}

/**
 * The violations seen in the cluster's state: an object the sync may not delete is gone, or one it may not write
 * has a new resourceVersion (in a dry run: any object changed or created).
 */
export function stateViolations(s: Scenario, allowed: Allowed, before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [key, version] of before) {
    const now = after.get(key);
    const mayDelete = !s.sync.dryRun && (allowed.prunable.has(key) || allowed.hooks.has(key));
    const mayWrite = !s.sync.dryRun && allowed.writable.has(key);
    if (now === undefined && !mayDelete) out.push(`${key} is gone`);
    else if (now !== undefined && now !== version && !mayWrite) out.push(`${key} was written (resourceVersion ${version} → ${now})`);
  }
  for (const key of after.keys()) if (!before.has(key) && (s.sync.dryRun || !allowed.writable.has(key))) out.push(`${key} was created`);
  return out;
}
