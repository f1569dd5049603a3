import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** A service's Prometheus registry with the process metrics and the gRPC server metrics every service has. */
export interface ServiceMetrics {
  registry: Registry;
  grpcRequests: Counter<'method' | 'code'>;
  grpcDuration: Histogram<'method'>;
}

/** Creates the registry, with default process metrics prefixed `fjord_`. */
export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: 'fjord_' });
  const grpcRequests = new Counter({
    name: 'fjord_grpc_server_handled_total',
    help: 'gRPC requests handled, by method and status code.',
    labelNames: ['method', 'code'] as const,
    registers: [registry],
  });
  const grpcDuration = new Histogram({
    name: 'fjord_grpc_server_handling_seconds',
    help: 'Time to handle a gRPC request, by method.',
    labelNames: ['method'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [registry],
  });
  return { registry, grpcRequests, grpcDuration };
}

/** Serves `/metrics` (Prometheus text) and `/healthz` on 127.0.0.1 or the given host. Resolves once listening. */
export async function serveMetrics(registry: Registry, port: number, host = '0.0.0.0'): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === '/metrics') {
      registry
        .metrics()
        .then((body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body))
        .catch(() => res.writeHead(500).end('failed to collect metrics\n'));
    } else if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    } else {
      res.writeHead(404).end('not found\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
