import { appSources, type Application, type ApplicationSource } from '@fjord/argo';

/** The revisions an operation asks for instead of the sources' targetRevision (Argo CD's `sync.revision(s)`). */
export interface RevisionOverride {
  /** The revision of a single-source app. */
  revision?: string;
  /** One revision per source of a multi-source app, in the order of `spec.sources`; empty ones keep the target. */
  revisions?: string[];
  /** The source to sync instead of `spec.source` (a rollback's `sync.source`). */
  source?: ApplicationSource;
  /** The sources to sync instead of `spec.sources` (a rollback's `sync.sources`, one per entry of `revisions`). */
  sources?: ApplicationSource[];
}

/** Whether the app has several sources (`spec.sources`, even of one), as Argo CD decides it. */
export function isMultiSource(app: Pick<Application, 'spec'>): boolean {
  return Boolean(app.spec.sources?.length);
}

/**
 * The sources with an operation's revisions in place of their targetRevision: `revisions[i]` for source i of a
 * multi-source app, `revision` for a single source (and for the only entry of `spec.sources` when no `revisions`).
 * An operation that names its own sources (a rollback to a history entry) syncs those instead of the spec's.
 */
export function targetSources(app: Pick<Application, 'spec'>, override: RevisionOverride = {}): ApplicationSource[] {
  const named = isMultiSource(app) ? override.sources : override.source && [override.source];
  const sources = (named?.length ? named : appSources(app)).map((s) => ({ ...s }));
  if (isMultiSource(app) && override.revisions?.length) {
    override.revisions.forEach((revision, i) => {
      if (revision && sources[i]) sources[i].targetRevision = revision;
    });
  } else if (override.revision && sources.length === 1) {
    sources[0].targetRevision = override.revision;
  }
  return sources;
}
