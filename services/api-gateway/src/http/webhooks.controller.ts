import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import type { WebhookHandler } from '../webhook/webhook-handler';
import type { WebhookHeaders } from '../webhook/push-event';
import { OwnTrace, Public } from './route-metadata';
import { Token } from './tokens';

/** `POST /api/webhook`: public, authenticated by the provider's signature over the raw body instead of a token. */
@Controller('api/webhook')
export class WebhooksController {
  constructor(@Inject(Token.WebhookHandler) private readonly webhook: WebhookHandler) {}

  @Post()
  @Public()
  @OwnTrace()
  @HttpCode(200)
  async receive(@Headers() headers: WebhookHeaders, @Body() raw: Buffer | undefined): Promise<{ refreshed: number }> {
    const { refreshed } = await this.webhook.handle(headers, raw ?? Buffer.alloc(0));
    return { refreshed: refreshed.length };
  }
}
