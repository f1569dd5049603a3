import { posix } from 'node:path';
import { AppAnnotation, appSources, type Application, type ApplicationSource } from '@fjord/argo';
import type { PushEvent } from './push-event';
import { normalizeRepoUrl } from './repo-url';

/** True when the app's target revision is the pushed ref: the branch or tag, or HEAD (or empty) for the default branch. */
export function revisionMatches(targetRevision: string | undefined, push: PushEvent): boolean {
  const target = (targetRevision ?? '').trim();
  const branch = push.ref.startsWith('refs/heads/') ? push.ref.slice('refs/heads/'.length) : undefined;
  const tag = push.ref.startsWith('refs/tags/') ? push.ref.slice('refs/tags/'.length) : undefined;
  if (target === '' || target === 'HEAD') return branch !== undefined && branch === push.defaultBranch;
  return target === push.ref || target === branch || target === tag;
}

/**
 * The paths whose changes concern a source: those of the `manifest-generate-paths` annotation (`;`-separated,
 * relative to the source path, or from the repository root when they start with `/`), else the source path.
 */
export function watchedPaths(app: Application, source: ApplicationSource): string[] {
  const base = (source.path ?? '').replace(/^\/+/, '') || '.';
  const annotation = app.metadata.annotations?.[AppAnnotation.ManifestGeneratePaths];
  const entries = annotation
    ? annotation
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean)
    : ['.'];
  return entries.map((e) => (e.startsWith('/') ? posix.normalize(e.slice(1) || '.') : posix.normalize(posix.join(base, e))));
}

const under = (file: string, dir: string) => dir === '.' || file === dir || file.startsWith(`${dir.replace(/\/+$/, '')}/`);

/**
 * True when a push concerns the app: one of its sources is the pushed repository at the pushed revision, and,
 * when the payload lists changed files, one of them lies under that source's watched paths.
 */
export function appMatchesPush(app: Application, push: PushEvent): boolean {
  const repos = new Set(push.repoUrls.map(normalizeRepoUrl));
  const sources = appSources(app);
  return sources.some((source) => {
    if (!repos.has(normalizeRepoUrl(source.repoURL ?? ''))) return false;
    if (!revisionMatches(source.targetRevision, push)) return false;
    if (!push.changedFiles) return true;
    const paths = watchedPaths(app, source);
    return push.changedFiles.some((file) => paths.some((dir) => under(file.replace(/^\/+/, ''), dir)));
  });
}
