import * as http from 'node:http';
import * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

/** A keep-alive connection pool for raw requests to `server` (the caller destroys it when done). */
export function connectionPool(server: URL): http.Agent {
  const options = { keepAlive: true, keepAliveMsecs: 30_000 };
  return server.protocol === 'http:' ? new http.Agent(options) : new https.Agent(options);
}

/**
 * The kubeconfig's TLS and authentication options for one raw request (read again each time: tokens and
 * certificates may rotate), on `pool`, accepting JSON. A proxy keeps the agent the client library made for it.
 */
export async function requestOptions(kc: KubeConfig, pool: http.Agent): Promise<https.RequestOptions & { headers: http.OutgoingHttpHeaders }> {
  const opts: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(opts);
  return {
    headers: { ...((opts.headers ?? {}) as http.OutgoingHttpHeaders), accept: 'application/json' },
    auth: opts.auth,
    ca: opts.ca,
    cert: opts.cert,
    key: opts.key,
    pfx: opts.pfx,
    passphrase: opts.passphrase,
    servername: opts.servername,
    rejectUnauthorized: opts.rejectUnauthorized,
    agent: kc.getCurrentCluster()?.proxyUrl ? opts.agent : pool,
  };
}
