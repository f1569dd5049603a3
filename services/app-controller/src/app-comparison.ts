import type { ClusterCache } from '@fjord/cluster-cache';
import type { KubeObject } from '@fjord/k8s-yaml';
import { appKey, type Application, type ApplicationSource } from '@fjord/argo';
import { InputError } from '@fjord/platform';
import { isRefOnly, refSourceProblems, repository } from '@fjord/proto';
import { isMultiSource, targetSources, type RevisionOverride } from './app-sources';
import { compareApp, type Comparison, type CompareInput, type LiveView } from './compare-app';
import { ComparisonMemo, comparisonInputs, recordingLiveView } from './comparison-memo';
import type { RepoClient } from './repo-client';
import { manifestRequest } from './source-request';

/** How an app is rendered and compared. */
export interface AppComparisonOptions {
  /** A hard refresh: the repo-server's manifest cache and the remembered comparison are bypassed. */
  hard?: boolean;
  /** Resolve symbolic target revisions afresh (a refresh was asked for). */
  freshRevision?: boolean;
  /** An operation's `sync.revision` / `sync.revisions`, in place of the sources' targetRevision. */
  override?: RevisionOverride;
  /** Who asks, as the observer is told: the status path unless said. */
  caller?: ComparisonCaller;
}

/** Who renders and compares an app. */
export const ComparisonCaller = { Status: 'status', Operation: 'operation' } as const;
/** One of {@link ComparisonCaller}. */
export type ComparisonCaller = (typeof ComparisonCaller)[keyof typeof ComparisonCaller];

/** Told of each render requested from the repo-server and each comparison computed (not of one reused). */
export interface ComparisonObserver {
  rendered?(caller: ComparisonCaller): void;
  computed?(caller: ComparisonCaller): void;
}

/** Every source of an app rendered at a resolved revision. */
export interface RenderedApp {
  /** The sources as rendered (targetRevision overridden where an operation asked). */
  sources: ApplicationSource[];
  /** The resolved revision of each source, in the order of the sources. */
  revisions: string[];
  /** The manifests of every source, in the order of the sources. */
  manifests: string[];
  /** The type of the first source that has one (Directory, Kustomize, Helm). */
  sourceType: string;
}

/** An app compared with the cluster, and what it was rendered from. */
export interface AppComparison extends RenderedApp {
  comparison: Comparison;
  /** The resolved revision of the first source (Argo CD's single `revision`). */
  revision: string;
}

/** The repo-server's source types by their wire number. */
const SOURCE_TYPES: readonly string[] = ['', 'Directory', 'Kustomize', 'Helm'];

/**
 * The one pipeline from an Application to its comparison, shared by the status path and the sync operation so that
 * a sync applies and prunes exactly what the status compares: resolve the sources (every one, at the operation's
 * revisions if any), render them with the repo-server, then compare with the cluster. A comparison is remembered
 * per app and reused while its inputs (spec, resolved revisions, manifests) and the live state it read are the same.
 */
export class AppComparer {
  /** The last comparison of each app (also what the API's managed-resources view shows). */
  readonly memo = new ComparisonMemo();

  constructor(
    private readonly repo: RepoClient,
    private readonly cache: ClusterCache,
    /** Server-side dry run of one desired object over its live version (undefined to fall back to normalisation). */
    private readonly predict: CompareInput['predict'],
    private readonly observer: ComparisonObserver = {},
  ) {}

  /** Renders and compares the app. */
  async compare(app: Application, options: AppComparisonOptions = {}): Promise<AppComparison> {
    return this.compareRendered(app, await this.render(app, options), options);
  }

  /**
   * Renders every source of the app with the repo-server (at the operation's revisions, if any). Ref sources are
   * resolved first, so that the `$<ref>/...` value files of the others are read at a pinned commit: the render is
   * pinned like any revision, and a commit to the ref source's repository changes the result.
   */
  async render(app: Application, options: AppComparisonOptions = {}): Promise<RenderedApp> {
    const sources = targetSources(app, options.override);
    this.observer.rendered?.(options.caller ?? ComparisonCaller.Status);
    const problems = refSourceProblems(sources, (i) => `spec.sources[${i}]`, { multiSource: isMultiSource(app) });
    if (problems.length) throw new InputError(problems.join('; '));
    const request = { noCache: Boolean(options.hard), freshRevision: Boolean(options.freshRevision) };
    const revisions: string[] = [];
    const refSources: Record<string, repository.RefTarget> = {};
    for (const [i, source] of sources.entries()) {
      if (!source.ref) continue;
      const refOnly = { repoURL: source.repoURL, targetRevision: source.targetRevision, ref: source.ref };
      revisions[i] = (await this.repo.generateManifest(manifestRequest(app, refOnly, request))).revision;
      refSources[source.ref] = { repo: { repoUrl: source.repoURL, credentials: undefined }, targetRevision: revisions[i], chart: '' };
    }
    const rendered: RenderedApp = { sources, revisions: [], manifests: [], sourceType: '' };
    for (const [i, source] of sources.entries()) {
      if (isRefOnly(source)) {
        rendered.revisions.push(revisions[i]);
        continue;
      }
      const pinned = source.ref ? { ...source, targetRevision: revisions[i] } : source;
      const res = await this.repo.generateManifest(manifestRequest(app, pinned, { ...request, refSources }));
      rendered.manifests.push(...res.manifests);
      rendered.revisions.push(res.revision);
      rendered.sourceType ||= SOURCE_TYPES[res.sourceType] ?? '';
    }
    return rendered;
  }

  /** Compares rendered manifests with the cluster, reusing the app's remembered comparison when still valid. */
  async compareRendered(app: Application, rendered: RenderedApp, options: AppComparisonOptions = {}): Promise<AppComparison> {
    const key = appKey(app);
    const live: LiveView = {
      managedBy: (name) => this.cache.managedBy(name),
      get: (k) => this.cache.get(k),
      isNamespaced: (g, k) => this.cache.resourceInfo(g, k)?.namespaced,
    };
    const revision = rendered.revisions[0] ?? '';
    const inputs = comparisonInputs(app.spec, rendered.revisions.join(','), rendered.manifests);
    const remembered = options.hard ? undefined : this.memo.lookup(key, inputs, live);
    if (remembered) return { ...rendered, revision, comparison: remembered };
    const recording = recordingLiveView(live);
    const comparison = await compareApp({
      appName: app.metadata.name,
      spec: app.spec,
      rendered: rendered.manifests.map((m) => JSON.parse(m) as KubeObject),
      live: recording.view,
      predict: this.predict,
    });
    this.memo.remember(key, inputs, recording.reads, comparison);
    this.observer.computed?.(options.caller ?? ComparisonCaller.Status);
    return { ...rendered, revision, comparison };
  }
}
