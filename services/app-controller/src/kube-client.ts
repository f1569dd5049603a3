import * as http from 'node:http';
import * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { connectionPool, requestOptions } from '@fjord/kube-config';
import type { KubeObject } from '@fjord/k8s-yaml';
import type { ApplyWriteOptions, ClusterWriter, DeleteOptions } from './cluster-writer';
import { describeObject, isNotFound, ObjectRequestError, ObjectVerb, STATUS_NOT_FOUND, stringOr } from './object-request-error';

/** The field manager every Fjord write uses. */
export const FIELD_MANAGER = 'fjord-controller';

/** The component Events recorded by the controller name as their source. */
const EVENT_SOURCE = 'fjord-controller';
/** The longest Event message recorded; the API server refuses longer ones. */
const EVENT_MESSAGE_MAX = 1024;

/** A kind's plural and scope, as discovery gives them. */
export interface KindInfo {
  plural: string;
  namespaced: boolean;
}

/** Where the client learns a kind's plural and scope: the cluster cache's discovery (`ClusterCache` is one). */
export interface KindDiscovery {
  resourceInfo(group: string, kind: string): KindInfo | undefined;
}

/** Options of a {@link KubeClient}. */
export interface KubeClientOptions {
  /** Ms one request may take; default 60 s. */
  requestTimeoutMs?: number;
  /** The field manager of every write; default {@link FIELD_MANAGER} (tests set up "someone else's" objects with another). */
  fieldManager?: string;
}

const DEFAULTS: Required<KubeClientOptions> = { requestTimeoutMs: 60_000, fieldManager: FIELD_MANAGER };

/** An Event to record about an object. */
export interface EventRecord {
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
}

/** The collection of a kind, as {@link KubeClient.list} returns it. */
export interface ObjectList {
  metadata?: { resourceVersion?: string; continue?: string };
  items: KubeObject[];
}

interface Request {
  method: string;
  path: string;
  query?: Record<string, string | undefined>;
  contentType?: string;
  body?: unknown;
}

/**
 * The app-controller's one client for Kubernetes objects, on one keep-alive connection pool with the kubeconfig's
 * TLS and authentication: server-side apply (and its dry run), create, replace, merge patch, status patch,
 * delete, get, list and Events, for objects of any kind. Objects go to the API server as they are and answers come
 * back as parsed JSON, with no typed model in between (the typed serializer of @kubernetes/client-node keeps only
 * the fields its generated models know: it drops a field newer than the client, and nested `x-kubernetes-*` keys
 * of a CRD's schema). A kind's plural and scope come from the cluster cache's discovery; a kind the cache does not
 * know yet (a CRD applied a moment ago) is looked up once in its apiVersion's discovery document.
 *
 * It is also the real {@link ClusterWriter}: `apply`, `delete`, `removeFinalizer` and `exists` are the writes of a
 * sync and of the resources finalizer, counted in `writes`.
 */
export class KubeClient implements ClusterWriter {
  private readonly options: Required<KubeClientOptions>;
  private readonly server: URL;
  private readonly pool: http.Agent;
  private readonly defaultNamespace: string;
  /** Discovery documents being read for kinds the cache did not know, by apiVersion (shared while in flight). */
  private readonly lookups = new Map<string, Promise<Map<string, KindInfo>>>();
  /** Sync and finalizer writes made so far ({@link ClusterWriter}), dry runs included. */
  writes = 0;

  constructor(
    private readonly kc: KubeConfig,
    private readonly discovery: KindDiscovery,
    options: KubeClientOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('failed to create the object client: the kubeconfig has no current cluster');
    this.server = new URL(cluster.server);
    this.pool = connectionPool(this.server);
    this.defaultNamespace = kc.getContextObject(kc.getCurrentContext())?.namespace || 'default';
  }

  /**
   * Server-side apply as `fjord-controller` (force: Git wins conflicts), or replace (create when absent) for
   * `Replace=true`; returns the object as the API server stored it (or would have, on a dry run).
   */
  async apply(obj: KubeObject, options: ApplyWriteOptions): Promise<KubeObject> {
    this.writes++;
    if (!options.replace) return this.serverSideApply(obj, options.dryRun);
    try {
      return await this.replace(obj, options);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      return this.create(obj, options);
    }
  }

  /** What a server-side apply of `obj` would store, persisting nothing (a prediction, not counted as a write). */
  dryRunApply(obj: KubeObject): Promise<KubeObject> {
    return this.serverSideApply(obj, true);
  }

  /** Creates `obj` (named, or by `metadata.generateName`). */
  async create(obj: KubeObject, options: { dryRun?: boolean } = {}): Promise<KubeObject> {
    const path = await this.pathOf(ObjectVerb.Create, obj, { withName: false });
    return this.send(ObjectVerb.Create, obj, { method: 'POST', path, query: this.writeQuery(options.dryRun), contentType: 'application/json', body: obj });
  }

  /** Replaces `obj` whole (PUT). */
  async replace(obj: KubeObject, options: { dryRun?: boolean } = {}): Promise<KubeObject> {
    const path = await this.pathOf(ObjectVerb.Replace, obj, { withName: true });
    return this.send(ObjectVerb.Replace, obj, { method: 'PUT', path, query: this.writeQuery(options.dryRun), contentType: 'application/json', body: obj });
  }

  /** Applies a JSON merge patch to the object `ref` names; returns the object as stored. */
  async mergePatch(ref: KubeObject, patch: Record<string, unknown>): Promise<KubeObject> {
    const path = await this.pathOf(ObjectVerb.Patch, ref, { withName: true });
    return this.send(ObjectVerb.Patch, ref, { method: 'PATCH', path, query: this.writeQuery(false), contentType: 'application/merge-patch+json', body: patch });
  }

  /** Applies a JSON merge patch to the status subresource of the object `ref` names; returns the object as stored. */
  async patchStatus(ref: KubeObject, patch: Record<string, unknown>): Promise<KubeObject> {
    const path = `${await this.pathOf(ObjectVerb.Patch, ref, { withName: true })}/status`;
    return this.send(ObjectVerb.Patch, ref, { method: 'PATCH', path, query: this.writeQuery(false), contentType: 'application/merge-patch+json', body: patch });
  }

  /**
   * Deletes an object (already gone is fine). When `obj` carries a uid (it was read from the cluster), only that
   * object is deleted: one deleted and created again under the same name since then is not (a 409 error).
   */
  async delete(obj: KubeObject, options: DeleteOptions): Promise<void> {
    this.writes++;
    const ref = identity(obj);
    const path = await this.pathOf(ObjectVerb.Delete, ref, { withName: true });
    const uid = stringOr(obj.metadata?.uid, '');
    // All options go in the body: the API server reads a DELETE's query parameters only when it has no body.
    const body = {
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      ...(options.dryRun ? { dryRun: ['All'] } : {}),
      propagationPolicy: propagation(options.propagationPolicy),
      ...(uid ? { preconditions: { uid } } : {}),
    };
    try {
      await this.send(ObjectVerb.Delete, ref, { method: 'DELETE', path, body });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** Removes one finalizer from an object (a completed hook's hook finalizer); already gone is fine. */
  async removeFinalizer(obj: KubeObject, finalizer: string): Promise<void> {
    const finalizers = ((obj.metadata?.finalizers as string[] | undefined) ?? []).filter((f) => f !== finalizer);
    this.writes++;
    try {
      await this.mergePatch(identity(obj), { metadata: { finalizers } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** The object `ref` names, as the API server has it now. */
  async get(ref: KubeObject): Promise<KubeObject> {
    const path = await this.pathOf(ObjectVerb.Get, ref, { withName: true });
    return this.send(ObjectVerb.Get, ref, { method: 'GET', path });
  }

  /** Whether the object `obj` names exists (a read, not a write: the watch may not have delivered it yet). */
  async exists(obj: KubeObject): Promise<boolean> {
    try {
      await this.get(identity(obj));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  /** Every object of a kind in `namespace`, or in all namespaces when it is undefined (one page, unpaged). */
  async list(apiVersion: string, kind: string, namespace?: string): Promise<ObjectList> {
    const ref = { apiVersion, kind, metadata: namespace ? { namespace } : {} };
    const info = await this.kindOf(ObjectVerb.List, ref);
    const path = collectionPath(apiVersion, info, info.namespaced ? namespace : undefined);
    return (await this.send(ObjectVerb.List, ref, { method: 'GET', path })) as unknown as ObjectList;
  }

  /** Records a Kubernetes Event about `about` (which must carry its namespace, name and uid). */
  async recordEvent(about: KubeObject, event: EventRecord): Promise<void> {
    const now = new Date().toISOString();
    const namespace = stringOr(about.metadata?.namespace, this.defaultNamespace);
    await this.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { generateName: `${String(about.metadata?.name)}.`, namespace },
      involvedObject: {
        apiVersion: about.apiVersion,
        kind: about.kind,
        name: about.metadata?.name,
        namespace: about.metadata?.namespace,
        uid: about.metadata?.uid,
      },
      reason: event.reason,
      message: event.message.slice(0, EVENT_MESSAGE_MAX),
      type: event.type,
      source: { component: EVENT_SOURCE },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    });
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.pool.destroy();
  }

  /** Every write names the client's field manager; a dry run asks for `dryRun=All`. */
  private writeQuery(dryRun: boolean | undefined): Record<string, string | undefined> {
    return { dryRun: dryRun ? 'All' : undefined, fieldManager: this.options.fieldManager };
  }

  private async serverSideApply(obj: KubeObject, dryRun: boolean): Promise<KubeObject> {
    const path = await this.pathOf(ObjectVerb.Apply, obj, { withName: true });
    const query = { ...this.writeQuery(dryRun), force: 'true' };
    return this.send(ObjectVerb.Apply, obj, { method: 'PATCH', path, query, contentType: 'application/apply-patch+yaml', body: obj });
  }

  /** The URL path of an object (or of its collection), from its apiVersion, kind, namespace and name. */
  private async pathOf(verb: ObjectVerb, obj: KubeObject, options: { withName: boolean }): Promise<string> {
    if (typeof obj.apiVersion !== 'string' || !obj.apiVersion) throw refusal(verb, obj, 'it has no apiVersion');
    if (typeof obj.kind !== 'string' || !obj.kind) throw refusal(verb, obj, 'it has no kind');
    const name = obj.metadata?.name;
    if (options.withName && (typeof name !== 'string' || !name)) throw refusal(verb, obj, 'it has no metadata.name');
    const info = await this.kindOf(verb, obj);
    const namespace = info.namespaced ? stringOr(obj.metadata?.namespace, this.defaultNamespace) : undefined;
    const collection = collectionPath(obj.apiVersion as string, info, namespace);
    return options.withName ? `${collection}/${encodeURIComponent(name as string)}` : collection;
  }

  /**
   * The plural and scope of an object's kind: the cluster cache's discovery, else (a kind the cache has not seen
   * yet) the discovery document of the object's apiVersion, read once for this request.
   */
  private async kindOf(verb: ObjectVerb, obj: KubeObject): Promise<KindInfo> {
    const { apiVersion, kind } = obj;
    if (typeof apiVersion !== 'string' || !apiVersion) throw refusal(verb, obj, 'it has no apiVersion');
    if (typeof kind !== 'string' || !kind) throw refusal(verb, obj, 'it has no kind');
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    const known = this.discovery.resourceInfo(group, kind);
    if (known) return known;
    let found: KindInfo | undefined;
    try {
      found = (await this.lookUp(apiVersion)).get(kind);
    } catch (err) {
      throw new ObjectRequestError(`failed to ${verb} ${describeObject(obj)}: failed to discover ${apiVersion}: ${(err as Error).message}`, 0, undefined, {
        cause: err,
      });
    }
    if (!found) throw refusal(verb, obj, `the API server serves no kind ${kind} in ${apiVersion}`);
    return found;
  }

  /** Reads `/api/v1` or `/apis/<group>/<version>`; a version the API server does not serve has no kinds. */
  private lookUp(apiVersion: string): Promise<Map<string, KindInfo>> {
    const pending = this.lookups.get(apiVersion);
    if (pending) return pending;
    const read = (async () => {
      const res = await this.request({ method: 'GET', path: `${apiVersion.includes('/') ? '/apis' : '/api'}/${apiVersion}` });
      const kinds = new Map<string, KindInfo>();
      if (res.status === STATUS_NOT_FOUND) return kinds;
      if (res.status < 200 || res.status > 299) throw new Error(`${res.status}: ${statusOf(res).message}`);
      const doc = JSON.parse(res.text) as { resources?: { name: string; kind: string; namespaced: boolean }[] };
      for (const r of doc.resources ?? []) {
        if (!r.name.includes('/') && !kinds.has(r.kind)) kinds.set(r.kind, { plural: r.name, namespaced: r.namespaced });
      }
      return kinds;
    })().finally(() => this.lookups.delete(apiVersion));
    this.lookups.set(apiVersion, read);
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
    const headers =
      body === undefined ? base.headers : { ...base.headers, 'content-type': req.contentType ?? 'application/json', 'content-length': Buffer.byteLength(body) };
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

/** `/apis/<group>/<version>[/namespaces/<namespace>]/<plural>` (`/api/v1/…` for the core group). */
function collectionPath(apiVersion: string, info: KindInfo, namespace: string | undefined): string {
  const parts = [apiVersion.includes('/') ? '/apis' : '/api', apiVersion];
  if (namespace) parts.push('namespaces', encodeURIComponent(namespace));
  parts.push(info.plural);
  return parts.join('/');
}

/** apiVersion, kind, namespace and name of an object: what a request about it needs. */
function identity(obj: KubeObject): KubeObject {
  const { name, namespace } = obj.metadata ?? {};
  return { apiVersion: obj.apiVersion, kind: obj.kind, metadata: { name, ...(namespace ? { namespace } : {}) } };
}

/** Argo CD writes propagation policies in lower case (`PrunePropagationPolicy=background`); the API wants `Background`. */
function propagation(policy: string | undefined): string {
  const p = (policy ?? 'foreground').toLowerCase();
  return p.charAt(0).toUpperCase() + p.slice(1);
}

function refusal(verb: ObjectVerb, obj: KubeObject, why: string): ObjectRequestError {
  return new ObjectRequestError(`failed to ${verb} ${describeObject(obj)}: ${why}`, 0);
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
