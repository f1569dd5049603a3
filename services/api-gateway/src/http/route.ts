import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller } from '../auth/caller';

/** HTTP methods the API uses. */
export const HttpMethod = { Get: 'GET', Post: 'POST', Put: 'PUT', Delete: 'DELETE' } as const;
export type HttpMethod = (typeof HttpMethod)[keyof typeof HttpMethod];

/** What a route handler gets: the caller (undefined on public routes), path params, query, and the body. */
export interface RouteContext {
  caller: Caller;
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  headers: IncomingMessage['headers'];
  /** The client's address, for rate limits and logs. */
  client: string;
  /** The raw body, read up to the size limit. */
  rawBody(): Promise<Buffer>;
  /** The body as JSON (`{}` when empty); malformed JSON is a 400. */
  json(): Promise<unknown>;
  req: IncomingMessage;
  res: ServerResponse;
}

/** One REST route: method, path (Nest syntax, `:name`), whether it needs a token, and its handler. */
export interface Route {
  method: HttpMethod;
  path: string;
  /** Login, version and webhooks need no token. */
  public?: boolean;
  /** The handler writes the response itself (server-sent events). */
  streams?: boolean;
  handle(ctx: RouteContext): Promise<unknown>;
}

/** A query parameter as a list (`?projects=a&projects=b` or `?projects=a,b`). */
export function queryList(value: string | string[] | undefined): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

/** A query parameter as a boolean; undefined when absent. */
export function queryBool(value: string | string[] | undefined): boolean | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v === '') return undefined;
  return v === 'true' || v === '1';
}
