import { Module } from '@nestjs/common';
import { ApplicationsController } from './applications.controller';

/** The REST API's applications domain; its collaborators come from GatewayHttpModule's global providers. */
@Module({ controllers: [ApplicationsController] })
export class ApplicationsModule {}
