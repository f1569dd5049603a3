/**
 * The comparable form of a Git repository URL: scheme, user info, port, `.git` suffix and trailing slashes
 * dropped, lower-cased (hosts treat paths case-insensitively, as Argo CD assumes), and scp-like SSH (`git@host:owner/repo`) read as `host/owner/repo`. So
 * `https://GitHub.com/Org/Repo.git` and `git@github.com:Org/Repo` are the same repository.
 */
export function normalizeRepoUrl(url: string): string {
  let s = url.trim();
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.*)$/.exec(s);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) s = `${scp[1]}/${scp[2]}`;
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[^@/]*@/, '');
  const slash = s.indexOf('/');
  const host = (slash < 0 ? s : s.slice(0, slash)).toLowerCase().replace(/:\d+$/, '');
  const path = slash < 0 ? '' : s.slice(slash);
  return `${host}${path}`
    .toLowerCase()
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
}
