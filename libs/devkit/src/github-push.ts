import { createHmac } from 'node:crypto';

/** One commit pushed to `branch`, described as GitHub's push webhook describes it. */
export interface TestPush {
  /** The commit pushed. */
  after: string;
  /** The repository's clone URL (`….git`); its web URL is the same without `.git`. */
  repoURL: string;
  /** The paths the commit changed. */
  modified: string[];
  /** Default `main`, also the repository's default branch. */
  branch?: string;
}

/** The body of GitHub's push event for `push`. */
export function gitHubPushBody(push: TestPush): string {
  const branch = push.branch ?? 'main';
  return JSON.stringify({
    ref: `refs/heads/${branch}`,
    after: push.after,
    repository: { html_url: push.repoURL.replace(/\.git$/, ''), clone_url: push.repoURL, default_branch: branch },
    commits: [{ added: [], modified: push.modified, removed: [] }],
  });
}

/** GitHub's `X-Hub-Signature-256` of a webhook body signed with `secret`. */
export function gitHubSignature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Delivers `push` to the gateway at `gatewayUrl` as GitHub would, signed with `secret`; returns the response. */
export function sendGitHubPush(gatewayUrl: string, secret: string, push: TestPush): Promise<Response> {
  const body = gitHubPushBody(push);
  return fetch(`${gatewayUrl}/api/webhook`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': gitHubSignature(body, secret) },
    body,
  });
}
