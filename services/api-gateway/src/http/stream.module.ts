import { Module } from '@nestjs/common';
import { StreamController } from './stream.controller';

/** The REST API's stream domain; its collaborators come from GatewayHttpModule's global providers. */
@Module({ controllers: [StreamController] })
export class StreamModule {}
