import * as http from 'node:http';
import * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { connectionPool, requestOptions } from '@fjord/kube-config';
import type { KubeObject } from '@fjord/k8s-yaml';

/** What a request does to an object, as errors name it. */
export const ObjectVerb = {
  Get: 'get',
  Apply: 'apply',
  Create: 'create',
  Replace: 'replace',
  Patch: 'patch',
  Delete: 'delete',
} as const;

/** One of {@link ObjectVerb}. */
export type ObjectVerb = (typeof ObjectVerb)[keyof typeof ObjectVerb];

/** HTTP 404: the object (or its namespace) does not exist. */
export const STATUS_NOT_FOUND = 404;

/**
 * A request about one object failed. The message names the object and carries the API server's Status message,
 * never the object's content. `code` is the HTTP status; 0 when no request was made (no kind, a kind the API
 * server does not serve) or no response came.
 */
export class ObjectRequestError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly reason?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ObjectRequestError';
  }
}

/** Whether an error says the object is not there (HTTP 404 from the API server). */
export function isNotFound(err: unknown): boolean {
  return err instanceof ObjectRequestError && err.code === STATUS_NOT_FOUND;
}

/** Options of a {@link RawObjectClient}. */
export interface RawObjectClientOptions {
  /** Ms one request may take; default 60 s. */
  requestTimeoutMs?: number;
}

const DEFAULTS: Required<RawObjectClientOptions> = { requestTimeoutMs: 60_000 };

/** Options of a write. */
export interface WriteOptions {
  /** Ask for `dryRun=All`: the API server runs every stage and persists nothing. */
  dryRun?: boolean;
  fieldManager?: string;
}

/** Options of a delete. */
export interface DeleteOptions {
  dryRun?: boolean;
  /** `Foreground`, `Background` or `Orphan`. */
  propagationPolicy?: string;
  /**
   * Delete only the object with this uid: an object deleted and created again under the same name since it was
   * read is left alone (the API server answers 409 Conflict).
   */
  uid?: string;
}

interface ResourceInfo {
  plural: string;
  namespaced: boolean;
}

interface Request {
  method: string;
  path: string;
  query?: Record<string, string | undefined>;
  contentType?: string;
  body?: unknown;
}

/**
 * Writes objects of any kind to the API server as they are: the body goes as JSON and the response comes back as
 * parsed JSON, with no typed model in between. (The typed serializer of @kubernetes/client-node keeps only the
 * fields its generated models know: it drops a field newer than the client, and nested `x-kubernetes-*` keys of a
 * CRD's schema.) A kind's plural and scope come from the discovery document of its apiVersion, read once and read
 * again when a kind is missing from it (a CRD applied since). Uses the kubeconfig's TLS and authentication on one
 * keep-alive connection pool.
 */
export class RawObjectClient {
  private readonly options: Required<RawObjectClientOptions>;
  private readonly server: URL;
  private readonly pool: http.Agent;
  private readonly defaultNamespace: string;
  private readonly discovery = new Map<string, Promise<Map<string, ResourceInfo>>>();

  constructor(
    private readonly kc: KubeConfig,
    options: RawObjectClientOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('failed to create the object client: the kubeconfig has no current cluster');
    this.server = new URL(cluster.server);
    this.pool = connectionPool(this.server);
    this.defaultNamespace = kc.getContextObject(kc.getCurrentContext())?.namespace || 'default';
  }

  /** The object `ref` names, as the API server has it now. */
  async get(ref: KubeObject): Promise<KubeObject> {
    const path = await this.pathOf(ObjectVerb.Get, ref, { withName: true });
    return this.send(ObjectVerb.Get, ref, { method: 'GET', path, query: {} });
  }

  /** Server-side apply of `obj`; returns the object as the API server stored it (or would, on a dry run). */
  async apply(obj: KubeObject, options: WriteOptions & { force?: boolean }): Promise<KubeObject> {
    const path = await this.pathOf(ObjectVerb.Apply, obj, { withName: true });
    const query = { ...writeQuery(options), force: options.force ? 'true' : undefined };
    return this.send(ObjectVerb.Apply, obj, { method: 'PATCH', path, query, contentType: 'application/apply-patch+yaml', body: obj });
  }

  /** Creates `obj` (named, or by `metadata.generateName`). */
  async create(obj: KubeObject, options: WriteOptions): Promise<KubeObject> {
    const path = await this.pathOf(ObjectVerb.Create, obj, { withName: false });
    return this.send(ObjectVerb.Create, obj, { method: 'POST', path, query: writeQuery(options), contentType: 'application/json', body: obj });
  }

  /** Replaces `obj` whole (PUT). */
  async replace(obj: KubeObject, options: WriteOptions): Promise<KubeObject> {
    const path = await this.pathOf(ObjectVerb.Replace, obj, { withName: true });
    return this.send(ObjectVerb.Replace, obj, { method: 'PUT', path, query: writeQuery(options), contentType: 'application/json', body: obj });
  }

  /** Applies a JSON merge patch to the object `ref` names. */
  async mergePatch(ref: KubeObject, patch: Record<string, unknown>, options: WriteOptions): Promise<KubeObject> {
    const path = await this.pathOf(ObjectVerb.Patch, ref, { withName: true });
    return this.send(ObjectVerb.Patch, ref, { method: 'PATCH', path, query: writeQuery(options), contentType: 'application/merge-patch+json', body: patch });
  }

  /** Deletes the object `ref` names; returns the API server's answer (the object, or a Status). */
  async delete(ref: KubeObject, options: DeleteOptions): Promise<KubeObject> {
    const path = await this.pathOf(ObjectVerb.Delete, ref, { withName: true });
    // All options go in the body: the API server reads a DELETE's query parameters only when it has no body.
    const body = {
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      ...(options.dryRun ? { dryRun: ['All'] } : {}),
      ...(options.propagationPolicy ? { propagationPolicy: options.propagationPolicy } : {}),
      ...(options.uid ? { preconditions: { uid: options.uid } } : {}),
    };
    return this.send(ObjectVerb.Delete, ref, { method: 'DELETE', path, body });
  }

  /** The URL path of an object (or of its collection), from its apiVersion, kind, namespace and name. */
  private async pathOf(verb: ObjectVerb, obj: KubeObject, options: { withName: boolean }): Promise<string> {
    const { apiVersion, kind } = obj;
    if (typeof apiVersion !== 'string' || !apiVersion) throw refusal(verb, obj, 'it has no apiVersion');
    if (typeof kind !== 'string' || !kind) throw refusal(verb, obj, 'it has no kind');
    const name = obj.metadata?.name;
    if (options.withName && (typeof name !== 'string' || !name)) throw refusal(verb, obj, 'it has no metadata.name');
    let info: ResourceInfo | undefined;
    try {
      info = await this.resourceOf(apiVersion, kind);
    } catch (err) {
      throw new ObjectRequestError(`failed to ${verb} ${describeObject(obj)}: failed to discover ${apiVersion}: ${(err as Error).message}`, 0, undefined, { cause: err });
    }
    if (!info) throw refusal(verb, obj, `the API server serves no kind ${kind} in ${apiVersion}`);
    const parts = [apiVersion.includes('/') ? '/apis' : '/api', apiVersion];
    if (info.namespaced) parts.push('namespaces', encodeURIComponent(stringOr(obj.metadata?.namespace, this.defaultNamespace)));
    parts.push(info.plural);
    if (options.withName) parts.push(encodeURIComponent(name as string));
    return parts.join('/');
  }

  /** The plural and scope of a kind; the discovery document is read again once when the kind is not in it. */
  private async resourceOf(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    const cached = this.discovery.get(apiVersion) ?? this.discover(apiVersion);
    const found = (await cached).get(kind);
    if (found) return found;
    const current = this.discovery.get(apiVersion);
    return (await (current && current !== cached ? current : this.discover(apiVersion))).get(kind);
  }

  /** Reads `/api/v1` or `/apis/<group>/<version>`; a version the API server does not serve has no kinds. */
  private discover(apiVersion: string): Promise<Map<string, ResourceInfo>> {
    const read = (async () => {
      const res = await this.request({ method: 'GET', path: `${apiVersion.includes('/') ? '/apis' : '/api'}/${apiVersion}` });
      const kinds = new Map<string, ResourceInfo>();
      if (res.status === STATUS_NOT_FOUND) return kinds;
      if (res.status < 200 || res.status > 299) throw new Error(`${res.status}: ${statusOf(res).message}`);
      const doc = JSON.parse(res.text) as { resources?: { name: string; kind: string; namespaced: boolean }[] };
      for (const r of doc.resources ?? []) {
        if (!r.name.includes('/') && !kinds.has(r.kind)) kinds.set(r.kind, { plural: r.name, namespaced: r.namespaced });
      }
      return kinds;
    })();
    this.discovery.set(apiVersion, read);
    read.catch(() => {
      if (this.discovery.get(apiVersion) === read) this.discovery.delete(apiVersion);
    });
    return read;
  }

  /** Sends a request about `obj` and parses the JSON answer; any failure becomes an error naming the object. */
  private async send(verb: ObjectVerb, obj: KubeObject, req: Request): Promise<KubeObject> {
    let res: { status: number; text: string };
    try {
      res = await this.request(req);
    } catch (err) {
      throw new ObjectRequestError(`failed to ${verb} ${describeObject(obj)}: ${(err as Error).message}`, 0, undefined, { cause: err });
    }
    if (res.status < 200 || res.status > 299) {
      const status = statusOf(res);
      throw new ObjectRequestError(`failed to ${verb} ${describeObject(obj)}: ${status.message}`, res.status, status.reason);
    }
    try {
      return JSON.parse(res.text) as KubeObject;
    } catch (err) {
      throw new ObjectRequestError(`failed to ${verb} ${describeObject(obj)}: the API server's answer is not JSON`, res.status, undefined, { cause: err });
    }
  }

  /** One HTTP exchange with the API server; resolves with any status, rejects only when no response came. */
  private async request(req: Request): Promise<{ status: number; text: string }> {
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    const query = new URLSearchParams(Object.entries(req.query ?? {}).filter((e): e is [string, string] => e[1] !== undefined)).toString();
    const url = new URL(this.server.pathname.replace(/\/$/, '') + req.path + (query ? `?${query}` : ''), this.server);
    const base = await requestOptions(this.kc, this.pool);
    const headers = body === undefined ? base.headers : { ...base.headers, 'content-type': req.contentType ?? 'application/json', 'content-length': Buffer.byteLength(body) };
    const opts = { ...base, method: req.method, headers };
    const timeoutMs = this.options.requestTimeoutMs;
    return new Promise((resolve, reject) => {
      const transport = this.server.protocol === 'http:' ? http : https;
      const r = transport.request(url, opts, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
        res.on('close', () => {
          if (!res.complete) reject(new Error(`the connection closed before the answer to ${req.method} ${req.path} ended`));
        });
      });
      r.setTimeout(timeoutMs, () => r.destroy(new Error(`${req.method} ${req.path} got no answer in ${timeoutMs} ms`)));
      r.on('error', reject);
      r.end(body);
    });
  }

}

/** `apps/v1 Deployment shop/web`: the object as errors name it, with placeholders for what it lacks. */
function describeObject(obj: KubeObject): string {
  const name = stringOr(obj.metadata?.name, '') || (typeof obj.metadata?.generateName === 'string' ? `${obj.metadata.generateName}*` : '<no name>');
  const namespace = stringOr(obj.metadata?.namespace, '');
  return `${stringOr(obj.apiVersion, '<no apiVersion>')} ${stringOr(obj.kind, '<no kind>')} ${namespace ? `${namespace}/` : ''}${name}`;
}

function refusal(verb: ObjectVerb, obj: KubeObject, why: string): ObjectRequestError {
  return new ObjectRequestError(`failed to ${verb} ${describeObject(obj)}: ${why}`, 0);
}

function writeQuery(options: WriteOptions): Record<string, string | undefined> {
  return { dryRun: options.dryRun ? 'All' : undefined, fieldManager: options.fieldManager };
}

/** The message and reason of a Status answer; the HTTP reason phrase when the body is not a Status. */
function statusOf(res: { status: number; text: string }): { message: string; reason?: string } {
  try {
    const status = JSON.parse(res.text) as { message?: unknown; reason?: unknown };
    if (typeof status.message === 'string' && status.message) {
      return { message: status.message, reason: typeof status.reason === 'string' ? status.reason : undefined };
    }
  } catch {
    // not JSON: keep the reason phrase
  }
  return { message: `${res.status} ${http.STATUS_CODES[res.status] ?? 'error'}` };
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value ? value : fallback;
}
