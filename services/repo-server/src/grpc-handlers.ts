import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { GitRepositories, isLocalRepoURL, type GitAuth } from '@fjord/git';
import { detectSourceType, SourceType } from '@fjord/render';
import { InputError, NotAllowedError } from '@fjord/platform';
import { isRefOnly, repository } from '@fjord/proto';
import { normalizeRepoPath } from '@fjord/source-fs';
import type { ManifestGenerator } from './manifest-generator';
import type { CredentialsSource } from './repo-credentials';
import { wire } from './wire-mapping';

type Unary<Req, Res> = (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => Promise<void>;

/** The RepoServerService implementation: each handler maps the wire request, calls the domain, maps back. */
export function repoServerHandlers(deps: {
  generator: ManifestGenerator;
  git: GitRepositories;
  credentials?: CredentialsSource;
  /** Serve repositories on this machine (file:// URLs, absolute paths); off unless --allow-local-repos. */
  allowLocalRepos?: boolean;
}): repository.RepoServerServiceServer {
  const auth = async (repo: repository.Repository | undefined): Promise<GitAuth | undefined> =>
    wire.auth(repo) ?? (repo?.repoUrl ? await deps.credentials?.lookup(repo.repoUrl) : undefined);
  const requireRepo = (repo: repository.Repository | undefined): string => {
    if (!repo?.repoUrl) throw new InputError('repo.repoUrl is required');
    if (!deps.allowLocalRepos && isLocalRepoURL(repo.repoUrl)) {
      throw new NotAllowedError(
        `repository ${repo.repoUrl}: local repositories (file:// URLs and paths) are disabled; start the repo-server with --allow-local-repos (FJORD_ALLOW_LOCAL_REPOS=true) to serve them`,
      );
    }
    return repo.repoUrl;
  };

  const generateManifest: Unary<repository.GenerateManifestRequest, repository.GenerateManifestResponse> = async (call, callback) => {
    const req = call.request;
    const repo = { ...req.repo, repoUrl: req.repo?.repoUrl || req.source?.repoUrl || '' } as repository.Repository;
    requireRepo(repo);
    const refAuth: Record<string, GitAuth | undefined> = {};
    for (const [name, ref] of Object.entries(req.refSources)) {
      if (ref.chart) throw new InputError(`refSources.${name}: a ref source must not have a chart`);
      requireRepo(ref.repo);
      refAuth[name] = await auth(ref.repo);
    }
    const domain = wire.manifestRequest({ ...req, repo }, await auth(repo), refAuth);
    if (req.source && isRefOnly(req.source)) {
      // a ref source without path or chart renders nothing: it answers the commit others read its files at
      const revision = await deps.generator.resolve(domain);
      callback(null, { manifests: [], revision, sourceType: repository.SourceType.SOURCE_TYPE_UNSPECIFIED, namespace: req.namespace, cached: false });
      return;
    }
    const res = await deps.generator.generate(domain);
    callback(null, wire.manifestResponse(res, req.namespace));
  };

  const resolveRevision: Unary<repository.ResolveRevisionRequest, repository.ResolveRevisionResponse> = async (call, callback) => {
    const url = requireRepo(call.request.repo);
    const { sha } = await deps.git.resolveRevision(url, call.request.revision || 'HEAD', await auth(call.request.repo));
    callback(null, { revision: sha, ambiguousRevision: call.request.revision });
  };

  const listRefs: Unary<repository.ListRefsRequest, repository.ListRefsResponse> = async (call, callback) => {
    const url = requireRepo(call.request.repo);
    callback(null, await deps.git.listRefNames(url, await auth(call.request.repo)));
  };

  const getAppDetails: Unary<repository.GetAppDetailsRequest, repository.GetAppDetailsResponse> = async (call, callback) => {
    const url = requireRepo(call.request.repo ?? { repoUrl: call.request.source?.repoUrl ?? '', credentials: undefined });
    const creds = await auth(call.request.repo);
    const { sha } = await deps.git.resolveRevision(url, call.request.source?.targetRevision || 'HEAD', creds);
    const fs = await deps.git.files(url, sha, creds);
    const path = normalizeRepoPath(call.request.source?.path ?? '');
    const type = detectSourceType(fs, path);
    const res: repository.GetAppDetailsResponse = { type: wire.sourceType(type), directory: undefined, kustomize: undefined, helm: undefined };
    if (type === SourceType.Directory) res.directory = {};
    if (type === SourceType.Kustomize) res.kustomize = { images: [] };
    if (type === SourceType.Helm) {
      const files = fs
        .readDir(path)
        .filter((e) => e.type === 'file' && /values.*\.ya?ml$/.test(e.name))
        .map((e) => e.name);
      const values = files.includes('values.yaml') ? fs.readText(path ? `${path}/values.yaml` : 'values.yaml') : '';
      res.helm = { valueFiles: files, values, parameters: [] };
    }
    callback(null, res);
  };

  return { generateManifest, resolveRevision, listRefs, getAppDetails } as unknown as repository.RepoServerServiceServer;
}
