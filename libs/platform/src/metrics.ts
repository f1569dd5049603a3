import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** A service's Prometheus registry with the process metrics and the gRPC server metrics every service has. */
export interface ServiceMetrics {
  registry: Registry;
  grpcRequests: Counter<'method' | 'code'>;
  grpcDuration: Histogram<'method'>;
}

/** Declares metrics on one registry: each call gives a metric's name, what it measures and its label names. */
export interface MetricDeclarations {
  counter<L extends string>(name: string, help: string, labelNames?: readonly L[]): Counter<L>;
  gauge<L extends string>(name: string, help: string, labelNames?: readonly L[]): Gauge<L>;
  /** `buckets` are the upper bounds in seconds (or the histogram's unit). */
  histogram<L extends string>(name: string, help: string, buckets: number[], labelNames?: readonly L[]): Histogram<L>;
}

/** The metric declarations of a registry, for a service's own metrics beside those of createServiceMetrics. */
export function metricsOn(registry: Registry): MetricDeclarations {
  const registers = [registry];
  return {
    counter: (name, help, labelNames = []) => new Counter({ name, help, labelNames, registers }),
    gauge: (name, help, labelNames = []) => new Gauge({ name, help, labelNames, registers }),
    histogram: (name, help, buckets, labelNames = []) => new Histogram({ name, help, labelNames, buckets, registers }),
  };
}

/** Creates the registry, with default process metrics prefixed `fjord_`. */
export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: 'fjord_' });
  const metric = metricsOn(registry);
  return {
    registry,
    grpcRequests: metric.counter('fjord_grpc_server_handled_total', 'gRPC requests handled, by method and status code.', ['method', 'code']),
    grpcDuration: metric.histogram(
      'fjord_grpc_server_handling_seconds',
      'Time to handle a gRPC request, by method.',
      [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
      ['method'],
    ),
  };
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
