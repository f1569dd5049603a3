import { availableParallelism, homedir } from 'node:os';
import { join } from 'node:path';
import { GitRepositories } from '@fjord/git';
import { commonOptions, namespaceOption, type ServiceSpec } from '@fjord/platform';
import { repository } from '@fjord/proto';
import { MemoryManifestCache } from './cache/memory-cache';
import { RedisManifestCache } from './cache/redis-cache';
import { repoServerHandlers } from './grpc-handlers';
import { ManifestGenerator } from './manifest-generator';
import { createRepoMetrics } from './repo-metrics';
import { loadKubeConfig, SecretCredentialsSource } from './repo-credentials';
import { RenderPool } from './sandbox/render-pool';

/** The repo-server's settings: flags with environment-variable twins. */
export const options = {
  ...commonOptions({ grpcPort: 8081, metricsPort: 8084, envPrefix: 'FJORD_REPO_SERVER' }),
  redis: {
    flag: 'redis',
    env: 'REDIS_URL',
    type: 'string',
    default: '',
    description: 'Redis (host:port or redis://…) for the shared manifest cache; empty uses an in-process cache.',
  },
  redisKeyPrefix: {
    flag: 'redis-key-prefix',
    env: 'FJORD_REDIS_KEY_PREFIX',
    type: 'string',
    default: '',
    description: 'Prefix of every Redis key (to share one Redis between installations).',
  },
  cacheDir: {
    flag: 'repo-cache-dir',
    env: 'FJORD_REPO_CACHE_DIR',
    type: 'string',
    default: join(homedir(), '.cache', 'fjord', 'repo-server'),
    description: 'Where fetched repositories are kept.',
  },
  cacheTtlSeconds: {
    flag: 'repo-cache-expiration',
    env: 'FJORD_REPO_CACHE_EXPIRATION',
    type: 'number',
    default: 86_400,
    description: 'How long rendered manifests stay cached, in seconds.',
  },
  revisionCacheMs: {
    flag: 'revision-cache-expiration-ms',
    env: 'FJORD_REVISION_CACHE_EXPIRATION_MS',
    type: 'number',
    default: 15_000,
    description: "How long a repository's ls-remote result is reused, in milliseconds.",
  },
  parallelismLimit: { flag: 'parallelism-limit', env: 'FJORD_PARALLELISM_LIMIT', type: 'number', default: 0, description: 'Renders at once; 0 is unbounded.' },
  maxOutputBytes: {
    flag: 'max-manifest-bytes',
    env: 'FJORD_MAX_MANIFEST_BYTES',
    type: 'number',
    default: 50 << 20,
    description: 'Largest output of one render, in bytes.',
  },
  maxFileBytes: {
    flag: 'max-file-bytes',
    env: 'FJORD_MAX_FILE_BYTES',
    type: 'number',
    default: 10 << 20,
    description: 'Largest file a render may read, in bytes.',
  },
  renderProcesses: {
    flag: 'render-processes',
    env: 'FJORD_RENDER_PROCESSES',
    type: 'number',
    default: 0,
    description: 'Render processes (renders at once, one core each); 0 is the number of cores.',
  },
  renderTimeoutSeconds: {
    flag: 'render-timeout-seconds',
    env: 'FJORD_RENDER_TIMEOUT_SECONDS',
    type: 'number',
    default: 90,
    description: 'Longest one render may run before it is stopped (Argo CD: ARGOCD_EXEC_TIMEOUT, 90 s).',
  },
  renderMemoryMib: {
    flag: 'render-memory-limit-mib',
    env: 'FJORD_RENDER_MEMORY_LIMIT_MIB',
    type: 'number',
    default: 512,
    description: 'Heap of one render process, in MiB; a render that needs more is stopped.',
  },
  allowLocalRepos: {
    flag: 'allow-local-repos',
    env: 'FJORD_ALLOW_LOCAL_REPOS',
    type: 'boolean',
    default: false,
    description: 'Serve file:// URLs and absolute paths (any repository on this machine); for local development only.',
  },
  namespace: namespaceOption('Namespace of the repository credential Secrets.'),
} as const;

/** The repo-server process: renders manifests from Git (plain YAML, Kustomize, Helm). */
export const repoServer: ServiceSpec<typeof options> = {
  name: 'repo-server',
  options,
  async compose({ config, logger, metrics }) {
    const repoMetrics = createRepoMetrics(metrics.registry);
    const git = new GitRepositories({
      cacheDir: config.cacheDir,
      refsTtlMs: config.revisionCacheMs,
      onGitRequest: (op, _url, seconds, ok) => {
        repoMetrics.gitRequests.inc({ op, outcome: ok ? 'ok' : 'error' });
        repoMetrics.gitDuration.observe({ op }, seconds);
      },
    });
    const cache = config.redis ? new RedisManifestCache(config.redis, logger, config.redisKeyPrefix) : new MemoryManifestCache();
    const renders = new RenderPool({
      size: config.renderProcesses > 0 ? config.renderProcesses : availableParallelism(),
      timeoutMs: config.renderTimeoutSeconds * 1000,
      memoryMib: config.renderMemoryMib,
      logger,
      onLimit: (limit) => repoMetrics.renderLimits.inc({ limit }),
    });
    renders.warm();
    const generator = new ManifestGenerator(git, cache, renders, repoMetrics, {
      cacheTtlSeconds: config.cacheTtlSeconds,
      parallelismLimit: config.parallelismLimit,
      maxOutputBytes: config.maxOutputBytes,
      readLimits: { maxFileBytes: config.maxFileBytes },
    });
    const kc = loadKubeConfig();
    const credentials = kc ? new SecretCredentialsSource(kc, config.namespace, logger) : undefined;
    logger.info(
      {
        cache: config.redis ? 'redis' : 'memory',
        cacheDir: config.cacheDir,
        credentialsFromSecrets: Boolean(credentials),
        allowLocalRepos: config.allowLocalRepos,
      },
      'repo-server configured',
    );
    return {
      services: [
        {
          definition: repository.RepoServerServiceService,
          implementation: repoServerHandlers({ generator, git, credentials, allowLocalRepos: config.allowLocalRepos }),
        },
      ],
      close: async () => {
        await renders.close();
        await cache.close();
      },
    };
  },
};
