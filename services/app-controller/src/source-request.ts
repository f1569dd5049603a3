import { stringify } from 'yaml';
import { repository } from '@fjord/proto';
import type { Application, ApplicationSource } from './application';

/** Maps an Application's source (CRD shape) to the repo-server's GenerateManifest request. */
export function manifestRequest(app: Application, source: ApplicationSource, options: { noCache: boolean; freshRevision?: boolean }): repository.GenerateManifestRequest {
  const k = source.kustomize as Record<string, unknown> | undefined;
  const h = source.helm as Record<string, unknown> | undefined;
  const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  const map = (v: unknown) => (v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([a, b]) => [a, String(b)])) : {});
  return repository.GenerateManifestRequest.fromPartial({
    repo: { repoUrl: source.repoURL },
    source: {
      repoUrl: source.repoURL,
      path: source.path ?? '',
      targetRevision: source.targetRevision ?? 'HEAD',
      chart: source.chart ?? '',
      directory: source.directory ? { recurse: Boolean(source.directory.recurse), include: source.directory.include ?? '', exclude: source.directory.exclude ?? '' } : undefined,
      kustomize: k
        ? {
            namePrefix: String(k.namePrefix ?? ''),
            nameSuffix: String(k.nameSuffix ?? ''),
            images: strings(k.images),
            namespace: String(k.namespace ?? ''),
            commonLabels: map(k.commonLabels),
            commonAnnotations: map(k.commonAnnotations),
            replicas: Array.isArray(k.replicas) ? k.replicas.map((r: { name: string; count: number | string }) => ({ name: r.name, count: Number(r.count) })) : [],
          }
        : undefined,
      helm: h
        ? {
            valueFiles: strings(h.valueFiles),
            values: typeof h.values === 'string' ? h.values : h.valuesObject ? stringify(h.valuesObject) : '',
            parameters: Array.isArray(h.parameters)
              ? h.parameters.map((p: { name: string; value?: string; forceString?: boolean }) => ({ name: p.name, value: String(p.value ?? ''), forceString: Boolean(p.forceString) }))
              : [],
            fileParameters: Array.isArray(h.fileParameters) ? h.fileParameters.map((p: { name: string; path: string }) => ({ name: p.name, path: p.path })) : [],
            releaseName: String(h.releaseName ?? ''),
            skipCrds: Boolean(h.skipCrds),
            passCredentials: Boolean(h.passCredentials),
            ignoreMissingValueFiles: Boolean(h.ignoreMissingValueFiles),
          }
        : undefined,
    },
    revision: source.targetRevision ?? 'HEAD',
    appName: app.metadata.name,
    namespace: app.spec.destination?.namespace ?? '',
    noCache: options.noCache,
    freshRevision: options.freshRevision ?? false,
  });
}
