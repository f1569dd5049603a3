import { repository } from '@fjord/proto';
import type { GitAuth } from '@fjord/git';
import { SourceType, type RenderRequest } from '@fjord/render';
import type { ManifestRequest, ManifestResponse, RefSource } from './manifest-generator';

const toWireType: Record<SourceType, repository.SourceType> = {
  Directory: repository.SourceType.SOURCE_TYPE_DIRECTORY,
  Kustomize: repository.SourceType.SOURCE_TYPE_KUSTOMIZE,
  Helm: repository.SourceType.SOURCE_TYPE_HELM,
};

/** The one mapper between the repo-server's wire messages and its domain types. */
export const wire = {
  auth(repo: repository.Repository | undefined): GitAuth | undefined {
    const c = repo?.credentials;
    return c && (c.username || c.password) ? { username: c.username, password: c.password } : undefined;
  },

  renderRequest(req: repository.GenerateManifestRequest | repository.GetAppDetailsRequest): RenderRequest {
    const source = req.source;
    const full = req as Partial<repository.GenerateManifestRequest>;
    const k = source?.kustomize;
    const h = source?.helm;
    return {
      path: source?.path ?? '',
      directory: source?.directory ? { ...source.directory } : undefined,
      kustomize: k
        ? {
            namePrefix: k.namePrefix || undefined,
            nameSuffix: k.nameSuffix || undefined,
            images: k.images.length ? k.images : undefined,
            namespace: k.namespace || undefined,
            commonLabels: Object.keys(k.commonLabels).length ? k.commonLabels : undefined,
            commonAnnotations: Object.keys(k.commonAnnotations).length ? k.commonAnnotations : undefined,
            replicas: k.replicas.length ? k.replicas.map((r) => ({ name: r.name, count: r.count })) : undefined,
          }
        : undefined,
      helm: h
        ? {
            valueFiles: h.valueFiles,
            values: h.values || undefined,
            parameters: h.parameters.map((p) => ({ name: p.name, value: p.value, forceString: p.forceString })),
            fileParameters: h.fileParameters.map((p) => ({ name: p.name, path: p.path })),
            releaseName: h.releaseName || undefined,
            skipCrds: h.skipCrds,
            ignoreMissingValueFiles: h.ignoreMissingValueFiles,
          }
        : undefined,
      appName: full.appName || undefined,
      namespace: full.namespace || undefined,
      kubeVersion: full.kubeVersion || undefined,
      apiVersions: full.apiVersions?.length ? full.apiVersions : undefined,
    };
  },

  /** `refAuth` gives the credentials of each ref source's repository (looked up by the handler). */
  manifestRequest(req: repository.GenerateManifestRequest, auth: GitAuth | undefined, refAuth: Record<string, GitAuth | undefined> = {}): ManifestRequest {
    const refSources: Record<string, RefSource> = {};
    for (const [name, ref] of Object.entries(req.refSources ?? {})) {
      refSources[name] = { repoURL: ref.repo?.repoUrl ?? '', auth: refAuth[name], revision: ref.targetRevision || 'HEAD' };
    }
    return {
      repoURL: req.repo?.repoUrl || req.source?.repoUrl || '',
      auth,
      revision: req.revision || req.source?.targetRevision || 'HEAD',
      render: wire.renderRequest(req),
      noCache: req.noCache,
      freshRevision: req.freshRevision,
      refSources,
    };
  },

  manifestResponse(res: ManifestResponse, namespace: string): repository.GenerateManifestResponse {
    return { manifests: res.manifests, revision: res.revision, sourceType: toWireType[res.sourceType], namespace, cached: res.cached };
  },

  sourceType(type: SourceType): repository.SourceType {
    return toWireType[type];
  },
};
