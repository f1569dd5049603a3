import { Module } from '@nestjs/common';
import { ProjectsController } from './projects.controller';

/** The REST API's projects domain; its collaborators come from GatewayHttpModule's global providers. */
@Module({ controllers: [ProjectsController] })
export class ProjectsModule {}
