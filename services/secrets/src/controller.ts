import { ConfigError, type ConfigOf, type GrpcServiceRegistration, type ServiceContext } from '@fjord/platform';
import { KeyOrderPriority } from '@fjord/sealing';
import { parseGoDuration } from '@fjord/argo';
import { runProcessors, WorkQueue } from '@fjord/workqueue';
import { createControllerMetrics } from './controller-metrics';
import { EventRecorder } from './events';
import { secretsGrpcService } from './grpc-service';
import { serveHttp } from './http-server';
import { KeyManager } from './key-manager';
import { KeyStore } from './key-store';
import { kubeClients } from './kube-client';
import { SealingOperations } from './operations';
import { Reconciler } from './reconciler';
import type { options } from './options';
import { startWatches } from './watches';

type Config = ConfigOf<typeof options>;

/** A Go duration flag in milliseconds. */
export function durationMs(flag: string, value: string): number {
  try {
    return Number(parseGoDuration(value) / 1_000_000n);
  } catch {
    throw new ConfigError(`--${flag}: expected a Go duration such as 720h, got "${value}"`);
  }
}

/** `--key-cutoff-time` (RFC 1123Z, e.g. `Sun, 29 Nov 2026 10:00:00 +0000`), or undefined when empty. */
export function cutoffTime(value: string): Date | undefined {
  if (!value) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new ConfigError(`--key-cutoff-time: expected an RFC 1123Z time, got "${value}"`);
  return at;
}

function orderPriority(value: string): KeyOrderPriority {
  if (!(Object.values(KeyOrderPriority) as string[]).includes(value)) {
    throw new ConfigError(`--key-order-priority: expected CertNotBefore or SecretCreationTimestamp, got "${value}"`);
  }
  return value as KeyOrderPriority;
}

/**
 * The composition root: keys first (so a certificate exists before anything is served), then the HTTP API, the
 * work queue and the watches. Returns the gRPC service and a close that stops everything in reverse order.
 */
export async function startController(ctx: ServiceContext<Config>): Promise<{ grpc: GrpcServiceRegistration; close: () => Promise<void> }> {
  const { config, logger } = ctx;
  const clients = kubeClients(config.kubeconfig);
  const metrics = createControllerMetrics(ctx.metrics.registry);
  const store = new KeyStore(clients, { namespace: config.namespace, prefix: config.keyPrefix });
  const keys = new KeyManager(
    store,
    {
      bits: config.keySize,
      certTtlMs: durationMs('key-ttl', config.keyTtl),
      commonName: config.myCn,
      renewPeriodMs: durationMs('key-renew-period', config.keyRenewPeriod),
      cutoff: cutoffTime(config.keyCutoffTime),
      orderPriority: orderPriority(config.keyOrderPriority),
    },
    logger,
  );
  await keys.start();
  metrics.keys.set(keys.registry.size);

  const ops = new SealingOperations(keys.registry, { acceptDeprecatedV1Data: config.acceptDeprecatedV1Data });
  const http = await serveHttp({ host: config.listenHost, port: config.httpPort, ops, registry: ctx.metrics.registry, logger });
  const address = http.address();
  logger.info(
    { httpPort: typeof address === 'object' && address ? address.port : config.httpPort, keys: keys.registry.fingerprints() },
    'serving the sealing API',
  );

  const reconciler = new Reconciler({
    clients,
    privateKeys: () => keys.registry.privateKeys(),
    events: new EventRecorder(clients, logger),
    metrics,
    logger,
    acceptDeprecatedV1Data: config.acceptDeprecatedV1Data,
    updateStatus: config.updateStatus,
  });
  const queue = new WorkQueue({ maxRetries: config.maxUnsealRetries, backoff: { baseMs: 500, factor: 2, maxMs: 60_000 } });
  const processors = runProcessors(
    queue,
    config.workers,
    (key) => reconciler.reconcile(key),
    (key, err) => logger.warn({ sealedSecret: key, err: (err as Error)?.message }, 'reconcile failed; will retry'),
  );
  keys.onKeyAdded(() => {
    metrics.keys.set(keys.registry.size);
    for (const key of reconciler.failing) queue.add(key); // SealedSecrets no key could decrypt may decrypt now
  });
  const stopWatches = await startWatches(
    clients,
    {
      enqueue: (key) => queue.add(key),
      keySecretAdded: (secret) => keys.register(secret),
    },
    { watchNamespace: config.watchNamespace, keyNamespace: config.namespace },
    logger,
  );

  // As upstream: SIGUSR1 generates a new key now (old keys stay and keep decrypting).
  const onRenewSignal = () => void keys.renew().catch((err: unknown) => logger.error({ err: (err as Error).message }, 'failed to renew the sealing key'));
  process.on('SIGUSR1', onRenewSignal);

  return {
    grpc: secretsGrpcService(ops),
    close: async () => {
      process.off('SIGUSR1', onRenewSignal);
      keys.stop();
      await stopWatches();
      queue.shutdown();
      await processors;
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
