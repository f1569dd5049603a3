import { ErrorKind, FjordError, InputError, redactUrl, redactUrls } from '@fjord/platform';
import { isRefOnly, refSourceProblems, repository, sourceRequest } from '@fjord/proto';
import { appSources, type Application } from '@fjord/argo';
import type { RepoServerClient } from './repo-server-client';

/** The field path of source `index` of an app: `spec.source` or `spec.sources[i]`. */
export const sourceField = (app: Application, index: number) => (app.spec.sources?.length ? `spec.sources[${index}]` : 'spec.source');

/** Turns what the repo-server answered into a 400 naming the field, unless the repo-server itself is unavailable. */
function fieldError(err: unknown, field: string, doing: string): unknown {
  if (err instanceof FjordError && err.kind === ErrorKind.Unavailable && /the repo-server at .* is not available/.test(err.message)) return err;
  const message = redactUrls((err as Error)?.message ?? String(err));
  return new InputError(`${field}: ${doing}: ${message}`, { cause: err });
}

/**
 * Argo CD's `validate` of an app on create and update: the ref sources and `$<ref>/...` value files are well formed
 * and name each other, each source's repository is reachable and its revision resolves (asked of the repo-server),
 * and its path renders, with `$<ref>/...` value files read at their ref source's resolved revision. A failure is an
 * InputError naming the field (`spec.sources[1].helm.valueFiles[0]`, `spec.source.targetRevision`,
 * `spec.source.path`), with credentials in URLs redacted.
 */
export async function validateSources(app: Application, repo: RepoServerClient): Promise<void> {
  const sources = appSources(app);
  const problems = refSourceProblems(sources, (i) => sourceField(app, i), { multiSource: Boolean(app.spec.sources?.length) });
  if (problems.length) throw new InputError(problems.join('; '));
  const resolved: string[] = [];
  const refSources: Record<string, repository.RefTarget> = {};
  for (const [i, source] of sources.entries()) {
    if (source.chart) continue; // Helm repositories are not served by the repo-server yet; the controller reports them
    const field = sourceField(app, i);
    const revision = source.targetRevision || 'HEAD';
    resolved[i] = (
      await repo.resolveRevision({ repo: { repoUrl: source.repoURL, credentials: undefined }, revision }).catch((err: unknown) => {
        const revisionMissing = err instanceof FjordError && err.kind === ErrorKind.NotFound && /^revision /.test(err.message);
        throw fieldError(err, `${field}.${revisionMissing ? 'targetRevision' : 'repoURL'}`, `cannot resolve ${revision} in ${redactUrl(source.repoURL)}`);
      })
    ).revision;
    if (source.ref) refSources[source.ref] = { repo: { repoUrl: source.repoURL, credentials: undefined }, targetRevision: resolved[i], chart: '' };
  }
  for (const [i, source] of sources.entries()) {
    if (source.chart || isRefOnly(source)) continue;
    const request = sourceRequest(source, { appName: app.metadata.name, namespace: app.spec.destination?.namespace ?? '', revision: resolved[i], refSources });
    await repo.generateManifest(request).catch((err: unknown) => {
      throw fieldError(err, `${sourceField(app, i)}.${valueFileField(err) ?? 'path'}`, `unable to generate manifests in ${source.path || '.'}`);
    });
  }
}

/** `helm.valueFiles[i]` when the repo-server's error is about a value file (it names the entry first), else undefined. */
function valueFileField(err: unknown): string | undefined {
  return /^helm\.valueFiles\[\d+\]/.exec((err as Error)?.message ?? '')?.[0];
}
