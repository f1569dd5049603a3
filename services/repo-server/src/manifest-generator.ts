import { GitRepositories, locateRepo, type GitAuth, type PathDependency } from '@fjord/git';
import { InputError } from '@fjord/platform';
import type { RenderRequest, SourceType } from '@fjord/render';
import { normalizeRepoPath, type ReadLimits } from '@fjord/source-fs';
import { InFlight } from '@fjord/git';
import { Semaphore } from '@fjord/platform';
import { cacheKeys, stableHash, type ManifestCache } from './cache/manifest-cache';
import type { RepoMetrics } from './repo-metrics';
import { parseRefValueFile } from '@fjord/proto';
import type { RefCommit, RenderedSource, RenderJob } from './sandbox/render-job';
import { traced } from './traced';

/** Runs one render job away from the repo-server's own process (RenderPool), or in it (tests of the pipeline). */
export interface RenderRunner {
  run(job: RenderJob): Promise<RenderedSource>;
}

/** One GenerateManifest call in domain terms. */
export interface ManifestRequest {
  repoURL: string;
  auth?: GitAuth;
  /** HEAD, a branch, a tag or a SHA. */
  revision: string;
  /** Everything the renderers need besides the files; `path` is repository-relative. */
  render: RenderRequest;
  /** Render again even if the cache has the answer. */
  noCache?: boolean;
  /** Resolve the revision with a fresh ls-remote (an explicit refresh). */
  freshRevision?: boolean;
  /** The app's ref sources by name: where `$<ref>/...` value files are read. */
  refSources?: Record<string, RefSource>;
}

/** A ref source of a multi-source app: a repository at a revision (the controller sends the resolved commit). */
export interface RefSource {
  repoURL: string;
  auth?: GitAuth;
  revision: string;
}

/** A ref source a render reads from, resolved to its commit. */
interface ResolvedRef extends RefSource {
  sha: string;
}

/** What GenerateManifest returns. */
export interface ManifestResponse {
  /** Each object as JSON. */
  manifests: string[];
  /** The commit the revision resolved to. */
  revision: string;
  sourceType: SourceType;
  /** True when no renderer ran (a cache hit, or reuse from an earlier commit). */
  cached: boolean;
}

/** Settings of the generator; defaults in the repo-server's options. */
export interface GeneratorOptions {
  /** How long cached manifests live, in seconds. */
  cacheTtlSeconds: number;
  /** Renders at once; 0 is unbounded (Argo CD's --parallelismlimit). */
  parallelismLimit: number;
  /** Largest total size of one render's output, in bytes. */
  maxOutputBytes: number;
  /** What one render may read from the repository. */
  readLimits?: Partial<ReadLimits>;
}

interface CachedManifests {
  manifests: string[];
  sourceType: SourceType;
}

interface DependencyRecord {
  commit: string;
  fingerprint: string;
  deps: PathDependency[];
}

/**
 * The repo-server's pipeline: resolve the revision, look in the cache, reuse a render from an earlier commit
 * when none of the paths it read changed, otherwise render from the commit's objects in a render process (identical
 * concurrent requests share one render; at most `parallelismLimit` renders run at once), then cache the result.
 */
export class ManifestGenerator {
  private readonly inFlight = new InFlight<ManifestResponse>();
  private readonly renderSlots: Semaphore;

  constructor(
    private readonly git: GitRepositories,
    private readonly cache: ManifestCache,
    private readonly runner: RenderRunner,
    private readonly metrics: RepoMetrics,
    private readonly options: GeneratorOptions,
  ) {
    this.renderSlots = new Semaphore(options.parallelismLimit);
  }

  /** The commit a source's revision resolves to, without rendering (a ref source that only lends its files). */
  async resolve(req: Pick<ManifestRequest, 'repoURL' | 'revision' | 'auth' | 'freshRevision' | 'noCache'>): Promise<string> {
    const { sha } = await traced('git.resolve', { 'fjord.repo': req.repoURL, 'fjord.revision': req.revision }, () =>
      this.git.resolveRevision(req.repoURL, req.revision, req.auth, { fresh: req.freshRevision || req.noCache }),
    );
    return sha;
  }

  /** Renders (or finds) the manifests of one app source at one revision. */
  async generate(req: ManifestRequest): Promise<ManifestResponse> {
    const path = toRepoPath(req.render.path);
    const repo = locateRepo(req.repoURL).key;
    const sha = await this.resolve(req);
    const refs = await this.resolveRefs(req);
    const { path: _path, ...rest } = req.render;
    // the commits of the ref sources it reads are part of what a render depends on (sources without any keep their keys)
    const refCommits = Object.fromEntries(Object.entries(refs).map(([name, r]) => [name, { repo: locateRepo(r.repoURL).key, sha: r.sha }]));
    const optionsHash = stableHash(Object.keys(refs).length ? { ...rest, refCommits } : rest);
    const key = cacheKeys.manifests(repo, sha, path, optionsHash);
    if (!req.noCache) {
      const hit = await traced('cache.lookup', { 'fjord.cache.key': key }, () => this.cache.get(key));
      if (hit) {
        this.metrics.cacheLookups.inc({ result: 'hit' });
        return { ...(JSON.parse(hit) as CachedManifests), revision: sha, cached: true };
      }
    }
    return this.inFlight.do(`${key}|${req.noCache ? 'fresh' : ''}`, async () => {
      const depsKey = cacheKeys.dependencies(repo, path, optionsHash);
      if (!req.noCache) {
        const reused = await this.reuse(req, sha, key, depsKey, repo, path, optionsHash);
        if (reused) return reused;
      }
      this.metrics.cacheLookups.inc({ result: 'miss' });
      return this.renderSlots.run(() => this.render(req, { ...req.render, path }, sha, key, depsKey, refs));
    });
  }

  /**
   * The ref sources the source's `$<ref>/...` value files name, each resolved to a commit. InputError naming the value
   * file when it is hostile (absolute, `..` out of the repository) or names a ref the app does not have.
   */
  private async resolveRefs(req: ManifestRequest): Promise<Record<string, ResolvedRef>> {
    const files = Array.isArray(req.render.helm?.valueFiles) ? (req.render.helm.valueFiles as string[]) : [];
    const refs: Record<string, ResolvedRef> = {};
    for (const [i, file] of files.entries()) {
      let named;
      try {
        named = parseRefValueFile(file);
      } catch (err) {
        throw new InputError(`helm.valueFiles[${i}]: ${(err as Error).message}`);
      }
      if (!named || refs[named.ref]) continue;
      const ref = req.refSources?.[named.ref];
      if (!ref) throw new InputError(`helm.valueFiles[${i}]: $${named.ref} refers to no source with ref "${named.ref}"`);
      refs[named.ref] = { ...ref, sha: await this.resolve({ ...ref, freshRevision: req.freshRevision, noCache: req.noCache }) };
    }
    return refs;
  }

  /** A render of an earlier commit whose dependencies are unchanged at `sha`, stored under `sha` too. */
  private async reuse(
    req: ManifestRequest,
    sha: string,
    key: string,
    depsKey: string,
    repo: string,
    path: string,
    optionsHash: string,
  ): Promise<ManifestResponse | undefined> {
    const raw = await this.cache.get(depsKey);
    if (!raw) return undefined;
    const record = JSON.parse(raw) as DependencyRecord;
    if (record.commit === sha) return undefined;
    const earlier = await this.cache.get(cacheKeys.manifests(repo, record.commit, path, optionsHash));
    if (!earlier) return undefined;
    const fingerprint = await traced('git.fingerprint', { 'fjord.commit': sha }, () => this.git.fingerprint(req.repoURL, sha, record.deps, req.auth));
    if (!fingerprint || fingerprint !== record.fingerprint) return undefined;
    const ttl = this.options.cacheTtlSeconds;
    await this.cache.set(key, earlier, ttl);
    await this.cache.set(depsKey, JSON.stringify({ ...record, commit: sha }), ttl);
    this.metrics.cacheLookups.inc({ result: 'reuse' });
    return { ...(JSON.parse(earlier) as CachedManifests), revision: sha, cached: true };
  }

  private async render(
    req: ManifestRequest,
    render: RenderRequest,
    sha: string,
    key: string,
    depsKey: string,
    refs: Record<string, ResolvedRef>,
  ): Promise<ManifestResponse> {
    const gitdir = await traced('git.objects', { 'fjord.commit': sha }, () => this.git.objectsDir(req.repoURL, sha, req.auth));
    const refSources: Record<string, RefCommit> = {};
    for (const [name, ref] of Object.entries(refs)) {
      const refGitdir = await traced('git.objects', { 'fjord.commit': ref.sha }, () => this.git.objectsDir(ref.repoURL, ref.sha, ref.auth));
      refSources[name] = { repoURL: ref.repoURL, gitdir: refGitdir, commit: ref.sha };
    }
    const started = process.hrtime.bigint();
    this.metrics.rendersInFlight.inc();
    let sourceType = 'Unknown';
    try {
      const job: RenderJob = {
        repoURL: req.repoURL,
        gitdir,
        commit: sha,
        request: render,
        readLimits: this.options.readLimits,
        maxOutputBytes: this.options.maxOutputBytes,
        refSources,
      };
      const result = await traced('render', { 'fjord.path': render.path, 'fjord.commit': sha }, () => this.runner.run(job));
      sourceType = result.sourceType;
      const { manifests, dependencies: deps } = result;
      const value = JSON.stringify({ manifests, sourceType: result.sourceType } satisfies CachedManifests);
      const fingerprint = await this.git.fingerprint(req.repoURL, sha, deps, req.auth);
      const ttl = this.options.cacheTtlSeconds;
      await this.cache.set(key, value, ttl);
      if (fingerprint) await this.cache.set(depsKey, JSON.stringify({ commit: sha, fingerprint, deps } satisfies DependencyRecord), ttl);
      this.metrics.renders.inc({ source_type: sourceType, outcome: 'ok' });
      return { manifests, sourceType: result.sourceType, revision: sha, cached: false };
    } catch (err) {
      this.metrics.renders.inc({ source_type: sourceType, outcome: 'error' });
      throw err;
    } finally {
      this.metrics.rendersInFlight.dec();
      this.metrics.renderDuration.observe({ source_type: sourceType }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }
}

/** Validates an Application's `path` (relative, inside the repository). */
function toRepoPath(path: string): string {
  if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) throw new InputError(`path "${path}" must be relative to the repository root`);
  try {
    return normalizeRepoPath(path);
  } catch (err) {
    throw new InputError(`path "${path}": ${(err as Error).message.replace(/^path "[^"]*" /, '')}`);
  }
}
