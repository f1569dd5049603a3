import type { Server as HttpServer } from 'node:http';
import { describeOptions, loadConfig, type ConfigOf, type OptionSpec, type OptionSpecs } from './config';
import { startGrpcServer, type GrpcServiceRegistration, type StartedGrpcServer } from './grpc-server';
import { createLogger, type Logger } from './logger';
import { createServiceMetrics, serveMetrics, type ServiceMetrics } from './metrics';
import { setupTelemetry, type Telemetry } from './telemetry';

/** The settings every service has, beside its own. */
export function commonOptions(defaults: { grpcPort: number; metricsPort: number; envPrefix: string }) {
  return {
    listenHost: {
      flag: 'listen-host',
      env: `${defaults.envPrefix}_LISTEN_HOST`,
      type: 'string',
      default: '127.0.0.1',
      description: 'Address the gRPC and metrics servers listen on (0.0.0.0 inside a cluster).',
    },
    grpcPort: {
      flag: 'port',
      env: `${defaults.envPrefix}_PORT`,
      type: 'number',
      default: defaults.grpcPort,
      description: 'gRPC port (0 picks a free one).',
    },
    metricsPort: {
      flag: 'metrics-port',
      env: `${defaults.envPrefix}_METRICS_PORT`,
      type: 'number',
      default: defaults.metricsPort,
      description: 'Port of the Prometheus /metrics endpoint (0 picks a free one).',
    },
    otlpEndpoint: {
      flag: 'otlp-endpoint',
      env: 'OTEL_EXPORTER_OTLP_ENDPOINT',
      type: 'string',
      default: '',
      description: 'OTLP/HTTP endpoint for traces and metrics; empty disables export.',
    },
    otlpBatchDelayMs: {
      flag: 'otlp-batch-delay-ms',
      env: 'OTEL_BSP_SCHEDULE_DELAY',
      type: 'number',
      default: 2000,
      description: 'How long spans are batched before export, in milliseconds.',
    },
    logLevel: {
      flag: 'log-level',
      env: 'LOG_LEVEL',
      type: 'string',
      default: 'info',
      description: 'trace, debug, info, warn or error.',
    },
  } as const satisfies OptionSpecs;
}

/**
 * The `--namespace` setting (FJORD_NAMESPACE, default `argocd`): Fjord's namespace, which every service reads.
 * `description` says what this service finds there.
 */
export function namespaceOption(description: string) {
  return { flag: 'namespace', env: 'FJORD_NAMESPACE', type: 'string', default: 'argocd', description } as const satisfies OptionSpec;
}

/** What a service's composition root receives. */
export interface ServiceContext<C> {
  config: C;
  logger: Logger;
  metrics: ServiceMetrics;
}

/** Describes a service process: its name, settings, and how to build its gRPC services. */
export interface ServiceSpec<S extends OptionSpecs> {
  name: string;
  version?: string;
  options: S;
  /** Builds the service's gRPC services; may start background work, returned `close` stops it. */
  compose(ctx: ServiceContext<ConfigOf<S>>): Promise<{ services: GrpcServiceRegistration[]; close?: () => Promise<void> }>;
}

/** A running service, for tests that start one in-process. */
export interface RunningService {
  grpc: StartedGrpcServer;
  metricsServer: HttpServer;
  stop(): Promise<void>;
}

type CommonConfig = ConfigOf<ReturnType<typeof commonOptions>>;

/**
 * Starts a service: reads its settings, sets up logging, telemetry and metrics, serves gRPC (with health) and
 * /metrics, and stops everything in order on SIGTERM or SIGINT. Prints its ports as one JSON log line
 * ("listening") so that supervisors and tests can find them.
 */
export async function runService<S extends OptionSpecs & ReturnType<typeof commonOptions>>(
  def: ServiceSpec<S>,
  argv: readonly string[] = process.argv.slice(2),
): Promise<RunningService> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`Usage: ${def.name} [options]\n\nOptions:\n${describeOptions(def.options)}\n`);
    process.exit(0);
  }
  const config = loadConfig(def.options, argv) as ConfigOf<S> & CommonConfig;
  const logger = createLogger({ service: def.name, level: config.logLevel });
  const telemetry: Telemetry = setupTelemetry({
    serviceName: def.name,
    serviceVersion: def.version,
    otlpEndpoint: config.otlpEndpoint || undefined,
    batchDelayMs: config.otlpBatchDelayMs,
  });
  const metrics = createServiceMetrics(def.name);
  const composed = await def.compose({ config, logger, metrics });
  const grpc = await startGrpcServer({
    host: config.listenHost,
    port: config.grpcPort,
    services: composed.services,
    logger,
    metrics,
  });
  const metricsServer = await serveMetrics(metrics.registry, config.metricsPort, config.listenHost);
  const address = metricsServer.address();
  const metricsPort = typeof address === 'object' && address ? address.port : config.metricsPort;
  // Always printed, whatever the log level: supervisors and tests find the ports in it.
  logger.child({}, { level: 'info' }).info({ grpcPort: grpc.port, metricsPort, pid: process.pid }, 'listening');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info('shutting down');
      await grpc.stop();
      await composed.close?.();
      await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
      await telemetry.shutdown();
      logger.info('stopped');
    })());
  return { grpc, metricsServer, stop };
}

/** Runs a service as the process's main: exits 0 after a clean shutdown on a signal, 1 on a start-up error. */
export function main<S extends OptionSpecs & ReturnType<typeof commonOptions>>(def: ServiceSpec<S>): void {
  runService(def).then(
    (running) => {
      const onSignal = (signal: NodeJS.Signals) => {
        running.stop().then(
          () => process.exit(0),
          (err: unknown) => {
            process.stderr.write(`${def.name}: error during shutdown after ${signal}: ${String(err)}\n`);
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
    },
    (err: unknown) => {
      process.stderr.write(`${def.name}: failed to start: ${(err as Error)?.message ?? String(err)}\n`);
      process.exit(1);
    },
  );
}
