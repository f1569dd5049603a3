import { createServer, type IncomingMessage, type Server } from 'node:http';
import { SealingError, SealingErrorReason, type VerifyResult } from '@fjord/sealing';
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

/** A request body over {@link MAX_BODY_BYTES}: answered 413. */
class BodyTooLargeError extends Error {
  constructor() {
    super(`request body is larger than ${MAX_BODY_BYTES} bytes`);
  }
}

/** A wrong method on a known path: answered 405. */
class MethodNotAllowedError extends Error {
  constructor(readonly allowed: string) {
    super(`method not allowed; use ${allowed}`);
  }
}

/** Reads the body up to the limit; beyond it, drains the rest (so the answer reaches the client) and rejects. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      req.resume();
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
      else if (!tooLarge) {
        tooLarge = true;
        chunks.length = 0;
        reject(new BodyTooLargeError());
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** HTTP status for an error: bad input 400, undecryptable 409, no key 503, too large 413, anything else 500. */
function statusFor(err: unknown): number {
  if (err instanceof BodyTooLargeError) return 413;
  if (err instanceof MethodNotAllowedError) return 405;
  if (!(err instanceof SealingError)) return 500;
  if (err.reason === SealingErrorReason.NoKey) return 503;
  if (err.reason === SealingErrorReason.InvalidInput || err.reason === SealingErrorReason.InvalidBase64) return 400;
  return 409;
}

/** What a handler answers; written once, after all the work that can fail is done. */
interface Answer {
  status: number;
  contentType: string;
  body: string;
}

const text = (status: number, body: string): Answer => ({ status, contentType: 'text/plain', body });

function requireMethod(req: IncomingMessage, method: 'GET' | 'POST'): void {
  const m = req.method ?? 'GET';
  if (m !== method && !(method === 'GET' && m === 'HEAD')) throw new MethodNotAllowedError(method);
}

/** Verify's answer: 200 when it decrypts, 400 when the input is malformed, 409 when no key decrypts it. */
function verifyAnswer(result: VerifyResult): Answer {
  if (result.valid) return text(200, '');
  const badInput = result.reason === SealingErrorReason.InvalidInput || result.reason === SealingErrorReason.InvalidBase64;
  return text(badInput ? 400 : 409, `${result.message}\n`);
}

/**
 * The upstream controller's HTTP API, so that `kubeseal --cert http://…/v1/cert.pem`, `--validate` and
 * `--re-encrypt` work against Fjord: GET /v1/cert.pem, POST /v1/verify (200 or 409), POST /v1/rotate, /healthz, /metrics.
 * Every handler computes its whole answer before writing a byte, so any failure is answered (4xx for bad input,
 * 5xx otherwise) with a one-line reason. Request bodies are never logged.
 */
export async function serveHttp(options: { host: string; port: number; ops: SealingOperations; registry: Registry; logger: Logger }): Promise<Server> {
  const { ops, registry, logger } = options;
  const handle = async (req: IncomingMessage): Promise<Answer> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    switch (path) {
      case HttpPath.Healthz:
        requireMethod(req, 'GET');
        return text(200, 'ok\n');
      case HttpPath.Metrics:
        requireMethod(req, 'GET');
        return { status: 200, contentType: registry.contentType, body: await registry.metrics() };
      case HttpPath.Certificate:
        requireMethod(req, 'GET');
        return { status: 200, contentType: 'application/x-pem-file', body: ops.certificatePem() };
      case HttpPath.Verify:
        requireMethod(req, 'POST');
        return verifyAnswer(ops.verify(await readBody(req)));
      case HttpPath.Rotate:
        requireMethod(req, 'POST');
        return { status: 200, contentType: 'application/json', body: JSON.stringify(ops.rotate(await readBody(req))) };
      default:
        return text(404, '404 page not found\n');
    }
  };
  const server = createServer((req, res) => {
    handle(req)
      .catch((err: unknown): Answer => {
        const status = statusFor(err);
        if (status >= 500) logger.error({ path: req.url, status, err: (err as Error)?.message }, 'HTTP request failed');
        if (err instanceof MethodNotAllowedError) res.setHeader('allow', err.allowed);
        const message = status === 500 ? 'internal error' : ((err as Error)?.message ?? 'error');
        return text(status, `${message}\n`);
      })
      .then((answer) => {
        if (res.headersSent) return void res.end();
        res.writeHead(answer.status, { 'content-type': answer.contentType }).end(req.method === 'HEAD' ? undefined : answer.body);
      })
      .catch((err: unknown) => {
        logger.error({ path: req.url, err: (err as Error)?.message }, 'HTTP response failed');
        res.destroy();
      });
  });
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return server;
}
