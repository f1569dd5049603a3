import type { IncomingMessage } from 'node:http';
import type { Caller } from '../auth/caller';

/** What the guards and the body interceptor attach to a request for the handlers (Express's request, extended). */
export interface GatewayRequest extends IncomingMessage {
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  path: string;
  /** The raw body, read up to the size limit by the body interceptor (empty when none was sent). */
  body?: Buffer;
  /** Who is calling, set by the auth guard (subject '' on public routes). */
  caller?: Caller;
}
