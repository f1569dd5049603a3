import { Module } from '@nestjs/common';
import { SessionController } from './session.controller';

/** The REST API's session domain; its collaborators come from GatewayHttpModule's global providers. */
@Module({ controllers: [SessionController] })
export class SessionModule {}
