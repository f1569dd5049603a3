import type { ServiceDefinition } from '@grpc/grpc-js';
import { InputError } from '@fjord/platform';

const MALFORMED = Symbol('malformed request');

/**
 * The service definition with each request decoder made tolerant: bytes that do not decode become a marker
 * instead of a throw, because grpc-js answers a throwing decoder with INTERNAL; {@link checkWellFormed} turns the
 * marker into INVALID_ARGUMENT inside the handler.
 */
export function tolerantDefinition<D extends ServiceDefinition>(definition: D): D {
  const out: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(definition)) {
    const decode = method.requestDeserialize;
    out[name] = {
      ...method,
      requestDeserialize: (bytes: Buffer) => {
        try {
          return decode(bytes);
        } catch (err) {
          return { [MALFORMED]: (err as Error)?.message ?? String(err) };
        }
      },
    };
  }
  return out as D;
}

/** Throws INVALID_ARGUMENT (InputError) for a request its decoder could not read. */
export function checkWellFormed(request: unknown): void {
  if (typeof request === 'object' && request !== null && MALFORMED in request) {
    throw new InputError(`malformed request: ${(request as Record<symbol, string>)[MALFORMED]}`);
  }
}
