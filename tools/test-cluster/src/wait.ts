import { request } from 'node:https';
import { request as httpRequest } from 'node:http';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** GETs a URL; resolves with the status code and body, or rejects on a connection error. */
export function get(url: string, options: { ca?: Buffer; insecure?: boolean; cert?: Buffer; key?: Buffer } = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = (url.startsWith('https:') ? request : httpRequest)(
      url,
      { ca: options.ca, cert: options.cert, key: options.key, rejectUnauthorized: !options.insecure, timeout: 5000 },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout fetching ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * Polls `check` until it returns true. Between tries it asks `stillRunning` (e.g. "is the process alive?") and
 * fails at once with its message, so a crashed component is reported instead of a time-out.
 */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  options: { timeoutMs: number; intervalMs?: number; stillRunning?: () => string | undefined },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError = '';
  for (;;) {
    const dead = options.stillRunning?.();
    if (dead) throw new Error(`${what}: ${dead}`);
    try {
      if (await check()) return;
    } catch (err) {
      lastError = (err as Error).message;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${options.timeoutMs / 1000} s waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}`);
    }
    await sleep(options.intervalMs ?? 250);
  }
}
