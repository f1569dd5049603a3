import { createHmac, timingSafeEqual } from 'node:crypto';
import { InputError, UnauthenticatedError } from '@fjord/platform';

/** The Git providers whose push webhooks the gateway understands. */
export const GitProvider = { GitHub: 'github', GitLab: 'gitlab' } as const;
export type GitProvider = (typeof GitProvider)[keyof typeof GitProvider];

/** A push, whatever the provider: which repository, which ref, and which files changed (when the payload says). */
export interface PushEvent {
  provider: GitProvider;
  repoUrls: string[];
  /** `refs/heads/main` or `refs/tags/v1`. */
  ref: string;
  defaultBranch?: string;
  /** Paths changed by the pushed commits; undefined when the payload does not list them. */
  changedFiles?: string[];
  after?: string;
}

/** Headers the webhook reads (lower-cased, as Node gives them). */
export type WebhookHeaders = Record<string, string | string[] | undefined>;

const header = (h: WebhookHeaders, name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Which provider sent this request, from its event header; undefined for an unknown sender. */
export function detectProvider(headers: WebhookHeaders): GitProvider | undefined {
  if (header(headers, 'x-github-event')) return GitProvider.GitHub;
  if (header(headers, 'x-gitlab-event')) return GitProvider.GitLab;
  return undefined;
}

const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Checks the request's proof of origin against the provider's configured secret: GitHub's `X-Hub-Signature-256`
 * (HMAC-SHA256 of the raw body), GitLab's `X-Gitlab-Token`. With no secret configured every request is accepted,
 * as in Argo CD. Throws UnauthenticatedError (never echoing the secret or the signature).
 */
export function verifyWebhook(provider: GitProvider, headers: WebhookHeaders, rawBody: Buffer, secret: string | undefined): void {
  if (!secret) return;
  if (provider === GitProvider.GitHub) {
    const signature = header(headers, 'x-hub-signature-256') ?? '';
    const expected = `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
    if (!signature) throw new UnauthenticatedError('webhook signature missing (X-Hub-Signature-256)');
    if (!safeEqual(signature, expected)) throw new UnauthenticatedError('webhook signature does not match');
    return;
  }
  const token = header(headers, 'x-gitlab-token') ?? '';
  if (!token) throw new UnauthenticatedError('webhook token missing (X-Gitlab-Token)');
  if (!safeEqual(token, secret)) throw new UnauthenticatedError('webhook token does not match');
}

type Commit = { added?: string[]; modified?: string[]; removed?: string[] };

function changedFiles(commits: unknown): string[] | undefined {
  if (!Array.isArray(commits) || commits.length === 0) return undefined;
  const files = new Set<string>();
  for (const c of commits as Commit[]) for (const f of [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])]) files.add(f);
  return [...files];
}

/** Where each provider's payload names the pushed repository, and which of its fields hold the repository's URLs. */
const repositoryOf: Record<GitProvider, { object: (p: Record<string, unknown>) => unknown; urlFields: readonly string[] }> = {
  [GitProvider.GitHub]: { object: (p) => p.repository, urlFields: ['html_url', 'clone_url', 'ssh_url', 'git_url', 'url'] },
  [GitProvider.GitLab]: { object: (p) => p.project ?? p.repository, urlFields: ['web_url', 'git_http_url', 'git_ssh_url', 'homepage', 'url'] },
};

/** Whether the request carries a push event of the provider (not a ping, pull request…). */
function isPush(provider: GitProvider, headers: WebhookHeaders): boolean {
  if (provider === GitProvider.GitHub) return header(headers, 'x-github-event') === 'push';
  const event = header(headers, 'x-gitlab-event');
  return event === 'Push Hook' || event === 'Tag Push Hook';
}

/** Reads a push event from a provider's payload; undefined for other events (ping, pull request…). */
export function parsePush(provider: GitProvider, headers: WebhookHeaders, payload: unknown): PushEvent | undefined {
  if (!payload || typeof payload !== 'object') throw new InputError('webhook payload must be a JSON object');
  const p = payload as Record<string, unknown>;
  if (!isPush(provider, headers)) return undefined;
  const { object, urlFields } = repositoryOf[provider];
  const repo = (object(p) ?? {}) as Record<string, unknown>;
  return {
    provider,
    repoUrls: urlFields.map((field) => repo[field]).filter((u): u is string => typeof u === 'string'),
    ref: String(p.ref ?? ''),
    defaultBranch: repo.default_branch as string | undefined,
    changedFiles: changedFiles(p.commits),
    after: p.after as string | undefined,
  };
}
