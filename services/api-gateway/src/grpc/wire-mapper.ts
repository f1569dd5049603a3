import type { ClusterResourcePattern, ResourceIgnoreDifferences } from '@fjord/argo';
import { InputError } from '@fjord/platform';
import { applicationTypes, project as projectWire } from '@fjord/proto';
import type { Application, ApplicationSource, AppProject } from '@fjord/argo';
import { parseJsonText } from '../http/body';

const json = (v: unknown) => (v === undefined || v === null ? '' : JSON.stringify(v));
/** A JSON-in-a-string field of the wire: malformed, too deep or not an object is INVALID_ARGUMENT naming the field. */
function parse(s: string, field: string): Record<string, unknown> | undefined {
  if (!s) return undefined;
  const v = parseJsonText(s, `field ${field}`);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new InputError(`field ${field} must hold a JSON object`);
  return v as Record<string, unknown>;
}
const compact = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && !v.length))) as T;

function sourceToWire(s: ApplicationSource): applicationTypes.ApplicationSource {
  return applicationTypes.ApplicationSource.fromPartial({
    repoUrl: s.repoURL ?? '',
    path: s.path ?? '',
    targetRevision: s.targetRevision ?? '',
    chart: s.chart ?? '',
    directoryJson: json(s.directory),
    kustomizeJson: json(s.kustomize),
    helmJson: json(s.helm),
  });
}

function sourceFromWire(s: applicationTypes.ApplicationSource): ApplicationSource {
  return compact({
    repoURL: s.repoUrl,
    path: s.path,
    targetRevision: s.targetRevision,
    chart: s.chart,
    directory: parse(s.directoryJson, 'directoryJson'),
    kustomize: parse(s.kustomizeJson, 'kustomizeJson'),
    helm: parse(s.helmJson, 'helmJson'),
  });
}

/** The one mapping of an Application from the CR (domain) to the wire. */
export function appToWire(app: Application): applicationTypes.Application {
  const m = app.metadata;
  const s = app.spec ?? {};
  const st = app.status ?? {};
  const op = st.operationState;
  return applicationTypes.Application.fromPartial({
    metadata: {
      name: m.name,
      namespace: m.namespace ?? '',
      uid: m.uid ?? '',
      resourceVersion: m.resourceVersion ?? '',
      generation: m.generation ?? 0,
      labels: m.labels ?? {},
      annotations: m.annotations ?? {},
      creationTimestamp: m.creationTimestamp ?? '',
      deletionTimestamp: m.deletionTimestamp ?? '',
      finalizers: m.finalizers ?? [],
    },
    spec: {
      source: s.source ? sourceToWire(s.source) : undefined,
      sources: (s.sources ?? []).map(sourceToWire),
      destination: s.destination ? { server: s.destination.server ?? '', name: s.destination.name ?? '', namespace: s.destination.namespace ?? '' } : undefined,
      project: s.project ?? '',
      syncPolicy: s.syncPolicy
        ? {
            automated: s.syncPolicy.automated
              ? { prune: !!s.syncPolicy.automated.prune, selfHeal: !!s.syncPolicy.automated.selfHeal, allowEmpty: !!s.syncPolicy.automated.allowEmpty }
              : undefined,
            syncOptions: s.syncPolicy.syncOptions ?? [],
          }
        : undefined,
      ignoreDifferencesJson: json(s.ignoreDifferences),
      revisionHistoryLimit: s.revisionHistoryLimit ?? 0,
    },
    status: {
      sync: st.sync ? { status: st.sync.status ?? '', revision: st.sync.revision ?? '' } : undefined,
      health: st.health ? { status: st.health.status ?? '', message: st.health.message ?? '' } : undefined,
      resources: (st.resources ?? []).map((r) => ({
        group: r.group ?? '',
        version: r.version ?? '',
        kind: r.kind,
        namespace: r.namespace ?? '',
        name: r.name,
        status: r.status ?? '',
        health: r.health ? { status: r.health.status, message: r.health.message ?? '' } : undefined,
      })),
      operationState: op ? { phase: op.phase ?? '', message: op.message ?? '', startedAt: op.startedAt ?? '', finishedAt: op.finishedAt ?? '' } : undefined,
      history: (st.history ?? []).map((h) => ({
        id: Number(h.id),
        revision: h.revision ?? '',
        deployedAt: h.deployedAt ?? '',
        deployStartedAt: h.deployStartedAt ?? '',
        source: h.source ? sourceToWire(h.source) : undefined,
      })),
      conditions: (st.conditions ?? []).map((c) => ({ type: c.type, message: c.message, lastTransitionTime: c.lastTransitionTime ?? '' })),
      reconciledAt: st.reconciledAt ?? '',
      sourceType: st.sourceType ?? '',
    },
  });
}

function ignoreDifferencesFromWire(text: string): ResourceIgnoreDifferences[] {
  const v = parseJsonText(text, 'field ignoreDifferencesJson');
  if (!Array.isArray(v)) throw new InputError('field ignoreDifferencesJson must hold a JSON list');
  return v as ResourceIgnoreDifferences[];
}

/** The one mapping of an Application from the wire to the CR (spec and metadata; status is the controller's). */
export function appFromWire(w: applicationTypes.Application): Application {
  const m = w.metadata;
  const s = w.spec;
  const sp = s?.syncPolicy;
  return {
    metadata: compact({
      name: m?.name ?? '',
      labels: m && Object.keys(m.labels).length ? m.labels : undefined,
      annotations: m && Object.keys(m.annotations).length ? m.annotations : undefined,
      finalizers: m?.finalizers,
      resourceVersion: m?.resourceVersion,
    }),
    spec: compact({
      project: s?.project,
      source: s?.source ? sourceFromWire(s.source) : undefined,
      sources: s?.sources.length ? s.sources.map(sourceFromWire) : undefined,
      destination: s?.destination ? compact({ server: s.destination.server, name: s.destination.name, namespace: s.destination.namespace }) : undefined,
      syncPolicy: sp
        ? compact({
            automated: sp.automated ? { prune: sp.automated.prune, selfHeal: sp.automated.selfHeal, allowEmpty: sp.automated.allowEmpty } : undefined,
            syncOptions: sp.syncOptions,
          })
        : undefined,
      ignoreDifferences: s?.ignoreDifferencesJson ? ignoreDifferencesFromWire(s.ignoreDifferencesJson) : undefined,
      revisionHistoryLimit: s?.revisionHistoryLimit || undefined,
    }),
  };
}

/** Cluster-scoped kind patterns as the wire has them: group and kind (the wire has no `name`). */
const groupKinds = (patterns: ClusterResourcePattern[] | undefined) => (patterns ?? []).map((p) => ({ group: p.group, kind: p.kind }));

/** The one mapping of an AppProject from the CR to the wire. */
export function projectToWire(p: AppProject): projectWire.AppProject {
  const s = p.spec ?? {};
  return projectWire.AppProject.fromPartial({
    name: p.metadata.name,
    namespace: p.metadata.namespace ?? '',
    resourceVersion: p.metadata.resourceVersion ?? '',
    labels: p.metadata.labels ?? {},
    annotations: p.metadata.annotations ?? {},
    spec: {
      description: s.description ?? '',
      sourceRepos: s.sourceRepos ?? [],
      destinations: (s.destinations ?? []).map((d) => ({ server: d.server ?? '', name: d.name ?? '', namespace: d.namespace ?? '' })),
      clusterResourceWhitelist: groupKinds(s.clusterResourceWhitelist),
      clusterResourceBlacklist: groupKinds(s.clusterResourceBlacklist),
      namespaceResourceWhitelist: s.namespaceResourceWhitelist ?? [],
      namespaceResourceBlacklist: s.namespaceResourceBlacklist ?? [],
      roles: (s.roles ?? []).map((r) => ({ name: r.name, description: r.description ?? '', policies: r.policies ?? [], groups: r.groups ?? [] })),
      sourceNamespaces: s.sourceNamespaces ?? [],
    },
  });
}

/** The one mapping of an AppProject from the wire to the CR. */
export function projectFromWire(w: projectWire.AppProject): AppProject {
  const s = w.spec;
  return {
    metadata: compact({
      name: w.name,
      labels: Object.keys(w.labels).length ? w.labels : undefined,
      annotations: Object.keys(w.annotations).length ? w.annotations : undefined,
      resourceVersion: w.resourceVersion,
    }),
    spec: compact({
      description: s?.description,
      sourceRepos: s?.sourceRepos,
      destinations: s?.destinations.map((d) => compact({ server: d.server, name: d.name, namespace: d.namespace })),
      clusterResourceWhitelist: s?.clusterResourceWhitelist,
      clusterResourceBlacklist: s?.clusterResourceBlacklist,
      namespaceResourceWhitelist: s?.namespaceResourceWhitelist,
      namespaceResourceBlacklist: s?.namespaceResourceBlacklist,
      roles: s?.roles.map((r) => compact({ name: r.name, description: r.description, policies: r.policies, groups: r.groups })),
      sourceNamespaces: s?.sourceNamespaces,
    }),
  };
}
