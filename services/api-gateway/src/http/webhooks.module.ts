import { Module } from '@nestjs/common';
import { WebhooksController } from './webhooks.controller';

/** The REST API's webhooks domain; its collaborators come from GatewayHttpModule's global providers. */
@Module({ controllers: [WebhooksController] })
export class WebhooksModule {}
