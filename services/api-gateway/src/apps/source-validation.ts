import { ErrorKind, FjordError, InputError, redactUrl, redactUrls } from '@fjord/platform';
import { repository } from '@fjord/proto';
import { appSources, type Application, type ApplicationSource } from './application';
import type { RepoServerClient } from './repo-server-client';

/** The field path of source `index` of an app: `spec.source` or `spec.sources[i]`. */
export const sourceField = (app: Application, index: number) => (app.spec.sources?.length ? `spec.sources[${index}]` : 'spec.source');

const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

/** The render request of one source, as the controller will make it (the fields the wire carries). */
function manifestRequest(app: Application, source: ApplicationSource, revision: string): repository.GenerateManifestRequest {
  const k = source.kustomize as Record<string, unknown> | undefined;
  const h = source.helm as Record<string, unknown> | undefined;
  const d = source.directory as Record<string, unknown> | undefined;
  return repository.GenerateManifestRequest.fromPartial({
    repo: { repoUrl: source.repoURL },
    source: {
      repoUrl: source.repoURL,
      path: source.path ?? '',
      targetRevision: revision,
      chart: source.chart ?? '',
      directory: d ? { recurse: d.recurse === true, include: String(d.include ?? ''), exclude: String(d.exclude ?? '') } : undefined,
      kustomize: k ? { namePrefix: String(k.namePrefix ?? ''), nameSuffix: String(k.nameSuffix ?? ''), images: strings(k.images), namespace: String(k.namespace ?? '') } : undefined,
      helm: h ? { valueFiles: strings(h.valueFiles), values: typeof h.values === 'string' ? h.values : '', releaseName: String(h.releaseName ?? ''), ignoreMissingValueFiles: h.ignoreMissingValueFiles === true } : undefined,
    },
    revision,
    appName: app.metadata.name,
    namespace: app.spec.destination?.namespace ?? '',
    noCache: false,
    freshRevision: false,
  });
}

/** Turns what the repo-server answered into a 400 naming the field, unless the repo-server itself is unavailable. */
function fieldError(err: unknown, field: string, doing: string): unknown {
  if (err instanceof FjordError && err.kind === ErrorKind.Unavailable && /the repo-server at .* is not available/.test(err.message)) return err;
  const message = redactUrls((err as Error)?.message ?? String(err));
  return new InputError(`${field}: ${doing}: ${message}`, { cause: err });
}

/**
 * Argo CD's `validate` of an app on create and update: each source's repository is reachable and its revision
 * resolves (asked of the repo-server), and its path renders. A failure is an InputError naming the field
 * (`spec.source.repoURL`, `spec.source.targetRevision`, `spec.source.path`), with credentials in URLs redacted.
 */
export async function validateSources(app: Application, repo: RepoServerClient): Promise<void> {
  const sources = appSources(app);
  for (const [i, source] of sources.entries()) {
    const field = sourceField(app, i);
    if (source.chart) continue; // Helm repositories are not served by the repo-server yet; the controller reports them
    const revision = source.targetRevision || 'HEAD';
    const resolved = await repo.resolveRevision({ repo: { repoUrl: source.repoURL, credentials: undefined }, revision }).catch((err: unknown) => {
      const revisionMissing = err instanceof FjordError && err.kind === ErrorKind.NotFound && /^revision /.test(err.message);
      throw fieldError(err, `${field}.${revisionMissing ? 'targetRevision' : 'repoURL'}`, `cannot resolve ${revision} in ${redactUrl(source.repoURL)}`);
    });
    await repo.generateManifest(manifestRequest(app, source, resolved.revision)).catch((err: unknown) => {
      throw fieldError(err, `${field}.path`, `unable to generate manifests in ${source.path || '.'}`);
    });
  }
}
