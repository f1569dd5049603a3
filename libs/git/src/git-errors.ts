import { FailedPreconditionError, FjordError, NotFoundError, redactUrl, redactUrls, UnavailableError } from '@fjord/platform';

/** Turns an isomorphic-git or network error into Fjord's error set, naming the repository (credentials redacted). */
export function toGitError(err: unknown, url: string, doing: string): FjordError {
  if (err instanceof FjordError) return err;
  const repoURL = redactUrl(url);
  const e = err as { code?: string; data?: { statusCode?: number }; message?: string };
  const status = e.data?.statusCode;
  const message = redactUrls(e.message ?? String(err));
  if (status === 401 || status === 403 || e.code === 'UserCanceledError') {
    return new FailedPreconditionError(`failed to ${doing} ${repoURL}: authentication required or credentials rejected`, { cause: err });
  }
  if (status === 404) return new NotFoundError(`failed to ${doing} ${repoURL}: repository not found`, { cause: err });
  if (e.code === 'NotFoundError') return new NotFoundError(`failed to ${doing} ${repoURL}: ${message}`, { cause: err });
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|socket hang up/.test(message) || (status !== undefined && status >= 500)) {
    return new UnavailableError(`failed to ${doing} ${repoURL}: ${message}`, { cause: err });
  }
  return new FjordError('Internal', `failed to ${doing} ${repoURL}: ${message}`, { cause: err });
}
