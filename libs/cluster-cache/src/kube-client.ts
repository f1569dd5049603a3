import * as http from 'node:http';
import * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { connectionPool, requestOptions } from '@fjord/kube-config';

/** What a request to the API server was for, as counted in metrics. */
export const RequestVerb = {
  Discovery: 'discovery',
  List: 'list',
  Watch: 'watch',
} as const;

/** One of {@link RequestVerb}. */
export type RequestVerb = (typeof RequestVerb)[keyof typeof RequestVerb];

/** An error status from the API server (or the transport), with the Status reason when the server gave one. */
export class KubeApiError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'KubeApiError';
  }
}

/** HTTP 410: a resource version or continue token too old to serve. */
export const STATUS_GONE = 410;

/** Whether an error means "the resource version expired": list again from scratch. */
export function isExpired(err: unknown): boolean {
  return err instanceof KubeApiError && (err.statusCode === STATUS_GONE || err.reason === 'Expired' || err.reason === 'Gone');
}

/** Options of a {@link KubeClient}. */
export interface KubeClientOptions {
  /** Called once per request with its verb and HTTP status (0 when no response came). */
  onRequest?: (verb: RequestVerb, code: number) => void;
  /** Ms a plain GET may take; default 60 s. */
  requestTimeoutMs?: number;
}

/**
 * The cache's raw HTTP access to one API server: JSON GETs and line-delimited watch streams, with the
 * kubeconfig's TLS and authentication and one keep-alive connection pool that `close` tears down.
 */
export class KubeClient {
  private readonly pool: http.Agent;
  private readonly server: URL;

  constructor(
    private readonly kc: KubeConfig,
    private readonly options: KubeClientOptions = {},
  ) {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('failed to create the cluster cache: the kubeconfig has no current cluster');
    this.server = new URL(cluster.server);
    this.pool = connectionPool(this.server);
  }

  /** The API server's URL. */
  get serverUrl(): string {
    return this.server.toString().replace(/\/$/, '');
  }

  /** GETs `path` and parses the JSON body; throws {@link KubeApiError} on an error status. */
  async getJson<T>(path: string, verb: RequestVerb, signal?: AbortSignal): Promise<T> {
    const res = await this.send(path, verb, signal, this.options.requestTimeoutMs ?? 60_000);
    const body = await readBody(res);
    try {
      return JSON.parse(body) as T;
    } catch (err) {
      throw new Error(`failed to parse the response of GET ${stripQuery(path)}: ${(err as Error).message}`, { cause: err });
    }
  }

  /**
   * GETs a watch `path` and calls `onLine` with every line of the stream. Resolves when the server ends the
   * stream, rejects on an error status, a broken connection, `idleMs` without data, or `signal`.
   */
  async stream(path: string, signal: AbortSignal, idleMs: number, onLine: (line: string) => void): Promise<void> {
    const res = await this.send(path, RequestVerb.Watch, signal, idleMs);
    res.setEncoding('utf8');
    let buffered = '';
    await new Promise<void>((resolve, reject) => {
      // A throwing handler must not escape into the socket's event loop: it ends the stream as an error.
      const deliver = (line: string): boolean => {
        try {
          onLine(line);
          return true;
        } catch (err) {
          reject(err);
          res.destroy();
          return false;
        }
      };
      res.on('data', (chunk: string) => {
        buffered += chunk;
        let newline = buffered.indexOf('\n');
        while (newline >= 0) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          if (line.trim() && !deliver(line)) return;
          newline = buffered.indexOf('\n');
        }
      });
      res.on('end', () => {
        if (buffered.trim() && !deliver(buffered)) return;
        resolve();
      });
      res.on('error', reject);
      res.on('close', () => {
        if (!res.complete) reject(new Error('the watch connection closed before the stream ended'));
      });
    });
  }

  /** Closes every pooled connection (open watches should be aborted first). */
  close(): void {
    this.pool.destroy();
  }

  private async send(path: string, verb: RequestVerb, signal: AbortSignal | undefined, timeoutMs: number): Promise<http.IncomingMessage> {
    const opts = { ...(await requestOptions(this.kc, this.pool)), method: 'GET', signal };
    return new Promise((resolve, reject) => {
      let responded = false;
      const transport = this.server.protocol === 'http:' ? http : https;
      const req = transport.request(new URL(this.server.pathname.replace(/\/$/, '') + path, this.server), opts, (res) => {
        responded = true;
        const code = res.statusCode ?? 0;
        this.options.onRequest?.(verb, code);
        if (code >= 200 && code < 300) return resolve(res);
        readBody(res).then(
          (body) => reject(statusError(path, code, body)),
          (err: Error) => reject(err),
        );
      });
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`GET ${stripQuery(path)} timed out after ${timeoutMs} ms`)));
      req.on('error', (err) => {
        if (!responded) this.options.onRequest?.(verb, 0);
        reject(err);
      });
      req.end();
    });
  }
}

function readBody(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
    res.on('close', () => {
      if (!res.complete) reject(new Error('the connection closed before the response ended'));
    });
  });
}

/** Builds the error of a failed request from the Status body (its message names the resource, never its content). */
function statusError(path: string, code: number, body: string): KubeApiError {
  let reason: string | undefined;
  let message = http.STATUS_CODES[code] ?? 'error';
  try {
    const status = JSON.parse(body) as { reason?: string; message?: string };
    reason = status.reason;
    if (status.message) message = status.message;
  } catch {
    // not a Status: keep the HTTP reason phrase
  }
  return new KubeApiError(`GET ${stripQuery(path)} failed with ${code}: ${message}`, code, reason);
}

/** The path without its query (continue tokens and resource versions stay out of messages). */
function stripQuery(path: string): string {
  const q = path.indexOf('?');
  return q < 0 ? path : path.slice(0, q);
}
