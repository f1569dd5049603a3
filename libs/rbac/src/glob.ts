/** Compiled globs, reused: policies are matched on every request. */
const cache = new Map<string, RegExp>();

/**
 * Matches `value` against a glob where `*` matches any run of characters (slashes included, as Argo CD's RBAC
 * globs do) and `?` one character. Everything else is literal.
 */
export function globMatch(pattern: string, value: string): boolean {
  if (pattern === '*' || pattern === value) return true;
  let re = cache.get(pattern);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, 's');
    if (cache.size > 10_000) cache.clear();
    cache.set(pattern, re);
  }
  return re.test(value);
}
