import type { WebhookHandler } from '../webhook/webhook-handler';
import { HttpMethod, type Route } from './route';

/** `POST /api/webhook`: public, authenticated by the provider's signature instead of a token. */
export function webhookRoute(webhook: WebhookHandler): Route {
  return {
    method: HttpMethod.Post,
    path: '/api/webhook',
    public: true,
    handle: async (c) => {
      const { refreshed, done } = await webhook.handle(c.headers, await c.rawBody());
      void done;
      return { refreshed: refreshed.length };
    },
  };
}
