import { Server, ServerCredentials, type ServiceDefinition, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { health } from '@fjord/proto';
import { interceptService, type HandlerContext } from './grpc-handlers';
import { HealthService } from './health';

/** One gRPC service to serve: its generated definition and its implementation. */
export interface GrpcServiceRegistration {
  definition: ServiceDefinition;
  implementation: UntypedServiceImplementation;
}

/** A started gRPC server with its health service. */
export interface StartedGrpcServer {
  server: Server;
  health: HealthService;
  /** The port actually bound (useful when 0 was asked for). */
  port: number;
  /** Marks NOT_SERVING, lets calls in flight finish for up to `graceMs`, then forces the rest closed. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts a gRPC server on host:port with the standard health service and the given services, each wrapped with
 * the server interceptors (tracing, error mapping, logging, metrics).
 */
export async function startGrpcServer(
  options: { host: string; port: number; services: GrpcServiceRegistration[] } & HandlerContext,
): Promise<StartedGrpcServer> {
  const server = new Server({ 'grpc.max_receive_message_length': 64 * 1024 * 1024 });
  const healthService = new HealthService();
  const all = [{ definition: health.HealthService, implementation: healthService.implementation() }, ...options.services];
  for (const { definition, implementation } of all) {
    server.addService(definition, interceptService(definition, implementation, options));
  }
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${options.host}:${options.port}`, ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(new Error(`failed to listen on ${options.host}:${options.port}: ${err.message}`)) : resolve(bound),
    ),
  );
  return {
    server,
    health: healthService,
    port,
    async stop(graceMs = 5000) {
      healthService.shutdown();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
