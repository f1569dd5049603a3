/** What replaces the userinfo (`user:password@`) of a URL in a message. */
export const REDACTED_USERINFO = '***';

// scheme://userinfo@ — userinfo is everything up to the last `@` before the host's first `/`, `?` or `#`.
const URL_WITH_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@]*(?:@[^\s/?#@]*)*)@/gi;

/**
 * A URL with its userinfo replaced by `***` (`https://user:token@host/repo` → `https://***@host/repo`), so that a
 * repoURL carrying credentials can be shown in a message, a condition, a log line or an error. Other text is
 * returned unchanged.
 */
export function redactUrl(url: string): string {
  return redactUrls(url);
}

/** Every URL in a text (an error message, a condition) with its userinfo replaced by `***`. */
export function redactUrls(text: string): string {
  return text.replace(URL_WITH_USERINFO, (_m, scheme: string) => `${scheme}${REDACTED_USERINFO}@`);
}
