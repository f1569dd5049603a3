import { context, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { InputError, traceparentOf, type Logger } from '@fjord/platform';
import { AppAnnotation, RefreshType, type Application } from '@fjord/argo';
import type { ArgoResources } from '../kube/argo-resources';
import { Settings, type SettingsStore } from '../kube/settings-store';
import { appMatchesPush } from './app-matcher';
import { detectProvider, GitProvider, parsePush, verifyWebhook, type PushEvent, type WebhookHeaders } from './push-event';

/** Options of webhook refreshes: above `jitterThreshold` matching apps, each refresh waits a random 0..jitterMs. */
export interface WebhookOptions {
  jitterMs: number;
  jitterThreshold: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const secretKey: Record<GitProvider, string> = {
  [GitProvider.GitHub]: Settings.GithubWebhookSecret,
  [GitProvider.GitLab]: Settings.GitlabWebhookSecret,
};
const tracer = trace.getTracer('fjord-api-gateway');

const pushAttributes = (push: PushEvent): Attributes => ({
  'fjord.webhook.provider': push.provider,
  'fjord.repo': push.repoUrls[0] ?? '',
  'fjord.ref': push.ref,
  ...(push.after ? { 'fjord.revision': push.after } : {}),
});

/** What the webhook did: the apps it asked to refresh. */
export interface WebhookResult {
  refreshed: string[];
}

/**
 * `POST /api/webhook`: verifies a GitHub or GitLab push, finds exactly the apps it concerns and annotates each for
 * a normal refresh, spreading the refreshes with jitter when many apps match (a busy monorepo must not stampede).
 * A push is traced ('webhook.push', until every refresh is written), and each refresh carries the span's W3C
 * traceparent in an annotation, so that the controller continues the trace up to the app being Healthy.
 */
export class WebhookHandler {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(
    private readonly apps: ArgoResources<Application>,
    private readonly settings: SettingsStore,
    private readonly logger: Logger,
    private readonly options: WebhookOptions,
  ) {
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = options.random ?? Math.random;
  }

  /** Verifies and reads the request; returns the apps to refresh, and a promise of the refreshes themselves. */
  async handle(headers: WebhookHeaders, rawBody: Buffer): Promise<WebhookResult & { done: Promise<void> }> {
    const provider = detectProvider(headers);
    if (!provider) throw new InputError('unknown webhook: expected a GitHub or GitLab event header');
    verifyWebhook(provider, headers, rawBody, await this.settings.secretValue(secretKey[provider]));
    let payload: unknown;
    try {
      payload = JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw new InputError('webhook payload is not valid JSON');
    }
    const push = parsePush(provider, headers, payload);
    if (!push) return { refreshed: [], done: Promise.resolve() };
    return tracer.startActiveSpan('webhook.push', { attributes: pushAttributes(push) }, async (span) => {
      try {
        const matched = (await this.apps.list()).filter((app) => appMatchesPush(app, push));
        const names = matched.map((a) => a.metadata.name);
        span.setAttribute('fjord.webhook.apps', names.length);
        this.logger.info({ provider, ref: push.ref, apps: names.length }, 'webhook push received');
        return { refreshed: names, done: this.refreshAll(names, traceparentOf(context.active())).finally(() => span.end()) };
      } catch (err) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
        span.end();
        throw err;
      }
    });
  }

  private async refreshAll(names: string[], traceparent: string | undefined): Promise<void> {
    const jitter = names.length > this.options.jitterThreshold ? this.options.jitterMs : 0;
    const annotations = { [AppAnnotation.Refresh]: RefreshType.Normal, ...(traceparent ? { [AppAnnotation.TraceParent]: traceparent } : {}) };
    await Promise.all(
      names.map(async (name) => {
        if (jitter) await this.sleep(Math.floor(this.random() * jitter));
        await this.apps.mergePatch(name, { metadata: { annotations } }).catch((err: unknown) => {
          this.logger.warn({ app: name, err: (err as Error).message }, 'webhook refresh failed');
        });
      }),
    );
  }
}
