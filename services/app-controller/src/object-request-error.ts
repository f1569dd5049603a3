import type { KubeObject } from '@fjord/k8s-yaml';

/** What a request does to an object, as errors name it. */
export const ObjectVerb = {
  Get: 'get',
  List: 'list',
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

/**
 * Whether an error says the object is not there (HTTP 404 from the API server): the object, its namespace, or its
 * kind (a CRD deleted since the cache discovered it; its objects went with it).
 */
export function isNotFound(err: unknown): boolean {
  return err instanceof ObjectRequestError && err.code === STATUS_NOT_FOUND;
}

/** `apps/v1 Deployment shop/web`: the object as errors name it, with placeholders for what it lacks. */
export function describeObject(obj: KubeObject): string {
  const name = stringOr(obj.metadata?.name, '') || (typeof obj.metadata?.generateName === 'string' ? `${obj.metadata.generateName}*` : '<no name>');
  const namespace = stringOr(obj.metadata?.namespace, '');
  return `${stringOr(obj.apiVersion, '<no apiVersion>')} ${stringOr(obj.kind, '<no kind>')} ${namespace ? `${namespace}/` : ''}${name}`;
}

/** A message for an error from the API server: its Status message when there is one (the client's errors carry it after the object's name). */
export function kubeErrorMessage(err: unknown): string {
  const body = (err as { body?: unknown }).body;
  if (typeof body === 'string') {
    try {
      return (JSON.parse(body) as { message?: string }).message ?? body;
    } catch {
      return body;
    }
  }
  if (body && typeof body === 'object' && 'message' in body) return String((body as { message: unknown }).message);
  return (err as Error)?.message ?? String(err);
}

/** `value` when it is a non-empty string, else `fallback`. */
export function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value ? value : fallback;
}
