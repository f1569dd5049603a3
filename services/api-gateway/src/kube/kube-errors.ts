import { ApiException } from '@kubernetes/client-node';
import { ConflictError, FjordError, InputError, NotFoundError, UnavailableError, ErrorKind } from '@fjord/platform';

function kubeMessage(err: ApiException<unknown>): string {
  const body = err.body;
  if (typeof body === 'string') {
    try {
      return (JSON.parse(body) as { message?: string }).message ?? body;
    } catch {
      return body;
    }
  }
  return (body as { message?: string } | undefined)?.message ?? err.message;
}

/**
 * Turns an error of the Kubernetes API into Fjord's error set, prefixed with what was being done
 * (`failed to create application web: …`). Kubernetes validation errors become InputError, 404 NotFound,
 * 409 Conflict, anything else without a status Unavailable.
 */
export function fromKubeError(doing: string, err: unknown): FjordError {
  if (err instanceof FjordError) return err;
  if (err instanceof ApiException) {
    const message = `failed to ${doing}: ${kubeMessage(err)}`;
    if (err.code === 404) return new NotFoundError(message, { cause: err });
    if (err.code === 409) return new ConflictError(message, { cause: err });
    if (err.code === 400 || err.code === 422) return new InputError(message, { cause: err });
    return new FjordError(ErrorKind.Internal, message, { cause: err });
  }
  return new UnavailableError(`failed to ${doing}: ${(err as Error)?.message ?? String(err)}`, { cause: err });
}

/** True for a Kubernetes 404. */
export const isNotFound = (err: unknown) => err instanceof ApiException && err.code === 404;
