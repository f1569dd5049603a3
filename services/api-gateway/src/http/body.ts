import type { IncomingMessage } from 'node:http';
import { ErrorKind, FjordError, InputError } from '@fjord/platform';

/** A body over the size limit; HTTP 413. */
export class PayloadTooLargeError extends FjordError {
  constructor(limit: number) {
    super(ErrorKind.Input, `request body is larger than ${limit} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

/** Reads a request body up to `limit` bytes; stops reading and throws PayloadTooLargeError beyond it. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    throw new PayloadTooLargeError(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The deepest nesting of objects and lists a JSON body may have (an Application needs about 10). */
export const MAX_JSON_DEPTH = 100;

/** The nesting depth of a JSON text, counted without parsing it; stops counting once past `limit`. */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      if (++depth > max && (max = depth) > limit) return max;
    } else if (ch === 0x7d || ch === 0x5d) depth--;
  }
  return max;
}

/**
 * Parses JSON text from a caller: nesting deeper than {@link MAX_JSON_DEPTH} or malformed JSON is InputError
 * naming `what` (the body, or a field holding JSON), never a crash deeper in the service.
 */
export function parseJsonText(text: string, what: string): unknown {
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw new InputError(`${what} is nested deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return JSON.parse(text);
  } catch (err) {
    // The parser quotes the input around the error; say where, not what (it may be a secret, or half a character).
    const reason = (err as Error).message.replace(/^(Unexpected token) '.*', ".*" is not valid JSON$/s, '$1').replace(/, ".*" is not valid JSON$/s, '');
    throw new InputError(`malformed JSON ${what}: ${reason}`);
  }
}

/** Parses a JSON body; an empty body is `{}`; malformed or too deeply nested JSON is InputError with the reason. */
export function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return {};
  return parseJsonText(raw.toString('utf8'), 'body');
}

/** Requires a JSON object with only the given keys, so a typo in a field name is an error, not a silent default. */
export function strictObject(value: unknown, allowed: readonly string[], what: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new InputError(`${what} must be a JSON object`);
  const unknown = Object.keys(value).filter((k) => !allowed.includes(k));
  if (unknown.length) throw new InputError(`${what}: unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}`);
  return value as Record<string, unknown>;
}

/** Reads an optional field of a given JSON type, or throws InputError naming it. */
export function field<T extends 'string' | 'boolean' | 'number' | 'object'>(
  obj: Record<string, unknown>,
  key: string,
  type: T,
): (T extends 'string' ? string : T extends 'boolean' ? boolean : T extends 'number' ? number : Record<string, unknown>) | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== type || (type === 'object' && Array.isArray(v))) throw new InputError(`field "${key}" must be a ${type}`);
  return v as never;
}
