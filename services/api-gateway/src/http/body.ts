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

/** Parses a JSON body; an empty body is `{}`; malformed JSON is InputError with the parser's reason. */
export function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (err) {
    throw new InputError(`malformed JSON body: ${(err as Error).message}`);
  }
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
