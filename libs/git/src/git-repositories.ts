import * as fs from 'node:fs';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { LRUCache } from 'lru-cache';
import { InputError, NotFoundError, redactUrl } from '@fjord/platform';
import type { ReadLimits } from '@fjord/source-fs';
import { DEFAULT_CHECKOUT_LIMITS, materializeCommit, type CheckoutLimits } from './checkout';
import { fingerprintPaths, type PathDependency } from './fingerprint';
import { toGitError } from './git-errors';
import { GitTreeFileSystem } from './git-tree-fs';
import { InFlight, KeyedMutex } from './keyed-mutex';
import { GitObjectStore } from './object-store';
import { authCallbacks, listRefs, type GitAuth, type RepoRefs } from './refs';
import { locateRepo, type RepoLocation } from './repo-location';
import { resolveAgainstRefs } from './resolve';

/** Options of the Git layer; defaults in DEFAULT_GIT_OPTIONS. */
export interface GitOptions {
  /** Where fetched repositories and checkouts live. */
  cacheDir: string;
  /** How long a repository's ls-remote result is reused, in ms. */
  refsTtlMs: number;
  /** How many commit checkouts are kept on disk; the least recently used beyond that are removed. */
  maxCheckouts: number;
  checkoutLimits: CheckoutLimits;
  /** Called for each network operation, for metrics and tracing. */
  onGitRequest?: (op: 'ls-remote' | 'fetch', repoURL: string, seconds: number, ok: boolean) => void;
}

/** Defaults that work on one machine. */
export const DEFAULT_GIT_OPTIONS: Omit<GitOptions, 'cacheDir'> = {
  refsTtlMs: 15_000,
  maxCheckouts: 200,
  checkoutLimits: DEFAULT_CHECKOUT_LIMITS,
};

/** A resolved revision: the commit, and what the input named. */
export interface ResolvedRevision {
  sha: string;
  /** `branch`, `tag`, `head` or `sha`. */
  kind: 'head' | 'branch' | 'tag' | 'sha';
}

/**
 * The repo-server's view of Git: cached ls-remote, fetches serialised per repository, revision resolution,
 * a commit's files read straight from the object store (or, for callers that need a directory, per-commit
 * checkouts), and fingerprints of the paths a render read.
 */
export class GitRepositories {
  private readonly options: GitOptions;
  private readonly refsCache: LRUCache<string, RepoRefs>;
  private readonly refsInFlight = new InFlight<RepoRefs>();
  private readonly checkoutsInFlight = new InFlight<string>();
  private readonly fetchLock = new KeyedMutex();
  private readonly checkouts: LRUCache<string, string>;
  /**
   * isomorphic-git's parsed pack indexes and packs, per gitdir. Without it every call re-reads the whole pack from
   * disk, which made each manifest request of a 10,000-file repository cost ~40 ms before any rendering.
   */
  private readonly objectCaches = new LRUCache<string, object>({ max: 16 });
  /** Synchronous readers of each gitdir's objects, with their parsed trees, for `files`. */
  private readonly objectStores = new LRUCache<string, GitObjectStore>({ max: 16 });

  constructor(options: Partial<GitOptions> & { cacheDir: string }) {
    this.options = { ...DEFAULT_GIT_OPTIONS, ...options };
    // ttl 0 would mean "never expires" to lru-cache; here it means "do not cache".
    this.refsCache = new LRUCache({ max: 10_000, ttl: Math.max(1, this.options.refsTtlMs) });
    this.checkouts = new LRUCache({
      max: this.options.maxCheckouts,
      dispose: (dir) => rmSync(dir, { recursive: true, force: true }),
    });
    this.cleanStaleCheckouts();
  }

  /** The repository's refs, from a short-lived cache; concurrent callers share one ls-remote. */
  async refs(repoURL: string, auth?: GitAuth, options: { fresh?: boolean } = {}): Promise<RepoRefs> {
    const location = locateRepo(repoURL);
    const cacheKey = `${location.key}|${auth?.username ?? ''}`;
    if (!options.fresh) {
      const cached = this.refsCache.get(cacheKey);
      if (cached) return cached;
    }
    return this.refsInFlight.do(cacheKey, async () => {
      const started = process.hrtime.bigint();
      try {
        const refs = await listRefs(location, auth);
        this.report('ls-remote', repoURL, started, true);
        if (this.options.refsTtlMs > 0) this.refsCache.set(cacheKey, refs);
        return refs;
      } catch (err) {
        this.report('ls-remote', repoURL, started, false);
        throw toGitError(err, repoURL, 'list refs of');
      }
    });
  }

  /** Forgets the cached refs of a repository (a webhook said it changed). */
  invalidate(repoURL: string): void {
    const key = locateRepo(repoURL).key;
    for (const k of this.refsCache.keys()) if (k.startsWith(`${key}|`)) this.refsCache.delete(k);
  }

  /** Resolves HEAD, a branch, a tag, or a full or short SHA to a commit SHA that is available locally. */
  async resolveRevision(repoURL: string, revision: string, auth?: GitAuth, options: { fresh?: boolean } = {}): Promise<ResolvedRevision> {
    const location = locateRepo(repoURL);
    const fromRefs = resolveAgainstRefs(await this.refs(repoURL, auth, options), revision);
    if (fromRefs) return fromRefs;
    if (!/^[0-9a-f]{4,40}$/i.test(revision)) {
      throw new NotFoundError(`revision "${revision}" not found in ${redactUrl(repoURL)}: no such branch, tag or commit`);
    }
    const gitdir = await this.ensureObjects(location, auth, revision);
    try {
      const cache = this.objectCache(gitdir);
      const sha = await git.expandOid({ fs, gitdir, oid: revision.toLowerCase(), cache });
      await git.readCommit({ fs, gitdir, oid: sha, cache });
      return { sha, kind: 'sha' };
    } catch (err) {
      if ((err as { code?: string }).code === 'AmbiguousError') throw new InputError(`revision "${revision}" is ambiguous in ${redactUrl(repoURL)}`);
      throw new NotFoundError(`revision "${revision}" not found in ${redactUrl(repoURL)}: no such branch, tag or commit`);
    }
  }

  /** Branch and tag names, sorted. */
  async listRefNames(repoURL: string, auth?: GitAuth): Promise<{ branches: string[]; tags: string[] }> {
    const refs = await this.refs(repoURL, auth);
    return { branches: [...refs.branches.keys()].sort(), tags: [...refs.tags.keys()].sort() };
  }

  /**
   * Commit `sha`'s files, read from the object store as they are looked at (nothing is checked out), bounded by
   * `limits`; the commit is fetched first if needed.
   */
  async files(repoURL: string, sha: string, auth?: GitAuth, limits: Partial<ReadLimits> = {}): Promise<GitTreeFileSystem> {
    const gitdir = await this.ensureObjects(locateRepo(repoURL), auth, sha);
    let store = this.objectStores.get(gitdir);
    if (!store) this.objectStores.set(gitdir, (store = new GitObjectStore(gitdir)));
    try {
      return GitTreeFileSystem.atCommit(store, sha, limits);
    } catch (err) {
      const doing = `read commit ${sha.slice(0, 12)} of`;
      if (err instanceof NotFoundError) throw new NotFoundError(`failed to ${doing} ${redactUrl(repoURL)}: ${err.message}`, { cause: err });
      throw toGitError(err, repoURL, doing);
    }
  }

  /** The Git directory holding commit `sha`'s objects (fetched first if needed), for a reader in another process. */
  async objectsDir(repoURL: string, sha: string, auth?: GitAuth): Promise<string> {
    return this.ensureObjects(locateRepo(repoURL), auth, sha);
  }

  /** The directory holding commit `sha`'s files (checked out once, then reused until evicted), for tools that need one. */
  async checkout(repoURL: string, sha: string, auth?: GitAuth): Promise<string> {
    const location = locateRepo(repoURL);
    const dir = join(this.options.cacheDir, 'checkouts', location.key, sha);
    const cached = this.checkouts.get(dir);
    if (cached && existsSync(dir)) return dir;
    return this.checkoutsInFlight.do(dir, async () => {
      const gitdir = await this.ensureObjects(location, auth, sha);
      if (!existsSync(dir)) {
        mkdirSync(join(this.options.cacheDir, 'checkouts', location.key), { recursive: true });
        try {
          await materializeCommit(gitdir, sha, dir, this.options.checkoutLimits, this.objectCache(gitdir));
        } catch (err) {
          throw toGitError(err, repoURL, `check out ${sha.slice(0, 12)} of`);
        }
      }
      this.checkouts.set(dir, dir);
      return dir;
    });
  }

  /** The fingerprint of `deps` at `sha` (see fingerprintPaths), fetching the commit if needed. */
  async fingerprint(repoURL: string, sha: string, deps: readonly PathDependency[], auth?: GitAuth): Promise<string | undefined> {
    const gitdir = await this.ensureObjects(locateRepo(repoURL), auth, sha);
    return fingerprintPaths(gitdir, sha, deps, this.objectCache(gitdir));
  }

  /** The object cache of one gitdir; a fetch adds packs under new names, which the cache then loads on first use. */
  private objectCache(gitdir: string): object {
    let cache = this.objectCaches.get(gitdir);
    if (!cache) this.objectCaches.set(gitdir, (cache = {}));
    return cache;
  }

  /** The gitdir that holds `want` (a full or abbreviated SHA): local repositories as they are; remote ones fetched. */
  private async ensureObjects(location: RepoLocation, auth: GitAuth | undefined, want: string): Promise<string> {
    if (location.kind === 'local') return location.gitdir;
    const gitdir = join(this.options.cacheDir, 'repos', `${location.key}.git`);
    if (want.length === 40 && (await hasCommit(gitdir, want, this.objectCache(gitdir)))) return gitdir;
    return this.fetchLock.run(location.key, async () => {
      if (want.length === 40 && (await hasCommit(gitdir, want, this.objectCache(gitdir)))) return gitdir; // fetched while we waited
      if (!existsSync(join(gitdir, 'HEAD'))) {
        await git.init({ fs, gitdir, bare: true, defaultBranch: 'main' });
        await git.addRemote({ fs, gitdir, remote: 'origin', url: location.url, force: true });
      }
      const started = process.hrtime.bigint();
      try {
        await git.fetch({ fs, http, gitdir, remote: 'origin', singleBranch: false, tags: true, prune: true, ...authCallbacks(auth) });
        this.report('fetch', location.url, started, true);
      } catch (err) {
        this.report('fetch', location.url, started, false);
        throw toGitError(err, location.url, 'fetch');
      }
      return gitdir;
    });
  }

  private report(op: 'ls-remote' | 'fetch', repoURL: string, started: bigint, ok: boolean): void {
    this.options.onGitRequest?.(op, repoURL, Number(process.hrtime.bigint() - started) / 1e9, ok);
  }

  /** Removes half-written checkouts left by a crash, and checkouts not known to this process (the LRU starts empty). */
  private cleanStaleCheckouts(): void {
    const root = join(this.options.cacheDir, 'checkouts');
    if (!existsSync(root)) return;
    for (const repo of readdirSync(root)) {
      const repoDir = join(root, repo);
      if (!statSync(repoDir).isDirectory()) continue;
      for (const entry of readdirSync(repoDir)) rmSync(join(repoDir, entry), { recursive: true, force: true });
    }
  }
}

async function hasCommit(gitdir: string, sha: string, cache: object): Promise<boolean> {
  if (!existsSync(join(gitdir, 'HEAD'))) return false;
  try {
    await git.readCommit({ fs, gitdir, oid: sha, cache });
    return true;
  } catch {
    return false;
  }
}
