import { createHash } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent, type AgentOptions } from 'node:https';
import type { Cluster, KubeConfig } from '@kubernetes/client-node';

type AnyAgent = HttpAgent | HttpsAgent;
type CreateAgent = (cluster: Cluster | null, options: AgentOptions) => AnyAgent;

const opened = new WeakMap<KubeConfig, { count: number }>();

/**
 * Makes every request through `kc` reuse kept-alive connections. @kubernetes/client-node builds a new HTTPS agent
 * for each request, so each one paid a TLS handshake and a fresh secure context (parsing the client key) on both
 * sides: at a thousand apps that was a fifth of the controller's CPU and much of the API server's. Agents are kept
 * per cluster and per TLS material, so a rotated certificate or token file still takes effect. Watches hold their
 * own connections; the pool is not capped, only idle connections are.
 */
export function reuseConnections(kc: KubeConfig): KubeConfig {
  const target = kc as unknown as { createAgent: CreateAgent };
  const create = target.createAgent.bind(kc);
  const agents = new Map<string, AnyAgent>();
  const counter = { count: 0 };
  opened.set(kc, counter);
  target.createAgent = (cluster, options) => {
    if (cluster?.proxyUrl) return create(cluster, options); // proxy agents keep their own behaviour
    const key = agentKey(cluster, options);
    let agent = agents.get(key);
    if (!agent) {
      agent = create(cluster, { ...options, keepAlive: true, maxFreeSockets: 32, scheduling: 'lifo' });
      // count real connections, for tests and diagnostics
      const createConnection = (agent as unknown as { createConnection: (...args: unknown[]) => unknown }).createConnection.bind(agent);
      (agent as unknown as { createConnection: (...args: unknown[]) => unknown }).createConnection = (...args: unknown[]) => {
        counter.count++;
        return createConnection(...args);
      };
      agents.set(key, agent);
    }
    return agent;
  };
  return kc;
}

/** How many connections requests through `kc` have opened since reuseConnections (undefined when not applied). */
export function connectionsOpened(kc: KubeConfig): number | undefined {
  return opened.get(kc)?.count;
}

function agentKey(cluster: Cluster | null, options: AgentOptions): string {
  const hash = createHash('sha256');
  for (const part of [
    cluster?.server,
    options.ca,
    options.cert,
    options.key,
    options.pfx,
    options.passphrase,
    options.servername,
    options.rejectUnauthorized,
  ]) {
    hash.update(part === undefined ? '\0' : typeof part === 'string' || Buffer.isBuffer(part) ? part : JSON.stringify(part));
    hash.update('\u0001');
  }
  return hash.digest('hex');
}
