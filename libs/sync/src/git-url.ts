const sshUrl = /^(ssh:\/\/)?([^/:]*?)@[^@]+$/;

/**
 * Normalises a Git URL for comparison as Argo CD does: trimmed, lower-cased, `.git` dropped, scp-style SSH
 * (`git@host:org/repo`) written as `git@host/org/repo`, and the `ssh://` scheme removed.
 */
export function normalizeGitURL(repo: string): string {
  let url = repo.trim().toLowerCase();
  if (sshUrl.test(url) && !url.startsWith('ssh://')) url = `ssh://${url.replace(':', '/')}`;
  url = url.replace(/\.git$/, '');
  return url.replace(/^ssh:\/\//, '');
}
