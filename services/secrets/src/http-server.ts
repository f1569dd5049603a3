import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { SealingError, SealingErrorReason } from '@fjord/sealing';
import type { Logger } from '@fjord/platform';
import type { Registry } from 'prom-client';
import type { SealingOperations } from './operations';

/** Upstream's HTTP paths. */
export const HttpPath = {
  Healthz: '/healthz',
  Metrics: '/metrics',
  Certificate: '/v1/cert.pem',
  Verify: '/v1/verify',
  Rotate: '/v1/rotate',
} as const;

const MAX_BODY_BYTES = 4 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new SealingError(SealingErrorReason.InvalidInput, 'request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** HTTP status for an error: bad input 400, undecryptable 409, no key 503, anything else 500. */
function statusFor(err: unknown): number {
  if (!(err instanceof SealingError)) return 500;
  if (err.reason === SealingErrorReason.NoKey) return 503;
  if (err.reason === SealingErrorReason.InvalidInput) return 400;
  return 409;
}

/**
 * The upstream controller's HTTP API, so that `kubeseal --cert http://…/v1/cert.pem`, `--validate` and
 * `--re-encrypt` work against Fjord: GET /v1/cert.pem, POST /v1/verify (200 or 409), POST /v1/rotate, /healthz, /metrics.
 * Request bodies are never logged.
 */
export async function serveHttp(options: { host: string; port: number; ops: SealingOperations; registry: Registry; logger: Logger }): Promise<Server> {
  const { ops, registry, logger } = options;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    switch (path) {
      case HttpPath.Healthz:
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
        return;
      case HttpPath.Metrics:
        res.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics());
        return;
      case HttpPath.Certificate:
        res.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(ops.certificatePem());
        return;
      case HttpPath.Verify: {
        const result = ops.verify(await readBody(req));
        res.writeHead(result.valid ? 200 : 409, { 'content-type': 'text/plain' }).end(result.valid ? '' : `${result.message}\n`);
        return;
      }
      case HttpPath.Rotate:
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(ops.rotate(await readBody(req))));
        return;
      default:
        res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
    }
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status = statusFor(err);
      if (status === 500) logger.error({ path: req.url, err: (err as Error)?.message }, 'HTTP request failed');
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'text/plain' }).end(`${(err as Error)?.message ?? 'internal error'}\n`);
    });
  });
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return server;
}
