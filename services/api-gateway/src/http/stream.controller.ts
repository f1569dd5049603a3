import type { ServerResponse } from 'node:http';
import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { Action, Resource } from '@fjord/rbac';
import type { AppChange, AppWatch } from '../apps/app-watch';
import { appRbacObject } from '../apps/app-rbac-object';
import { tokenFrom, type Authenticator } from '../auth/authenticator';
import type { Authorizer } from '../auth/authorizer';
import type { Caller } from '../auth/caller';
import { guardSession } from '../auth/session-guard';
import { CurrentCaller } from './request-params';
import type { GatewayRequest } from './request-state';
import { Token } from './tokens';
import { QueryListPipe, QueryStringPipe } from './validation-pipes';

/** How often an idle stream sends a comment line, so proxies keep it open. */
const HEARTBEAT_MS = 15_000;

/**
 * `GET /api/v1/stream/applications`: server-sent events of application changes the caller may see (optionally
 * one app by `name`, or `projects`), starting with the current state, each as `data: {"result": {type,
 * application}}` like Argo CD's stream. The stream ends when its session does (logout, account disabled, expiry).
 */
@Controller('api/v1/stream')
export class StreamController {
  constructor(
    @Inject(Token.AppWatch) private readonly watch: AppWatch,
    @Inject(Token.Authorizer) private readonly authz: Authorizer,
    @Inject(Token.Authenticator) private readonly authenticator: Authenticator,
  ) {}

  @Get('applications')
  applications(
    @CurrentCaller() caller: Caller,
    @Query('name', QueryStringPipe) name: string | undefined,
    @Query('projects', QueryListPipe) projects: string[],
    @Req() req: GatewayRequest,
    @Res() res: ServerResponse,
  ): void {
    const visible = ({ application: app }: AppChange) =>
      (!name || app.metadata.name === name) &&
      (!projects.length || projects.includes(app.spec?.project || 'default')) &&
      this.authz.can(caller, Resource.Applications, Action.Get, appRbacObject(app));
    const send = (change: AppChange) => {
      if (visible(change)) res.write(`data: ${JSON.stringify({ result: change })}\n\n`);
    };
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write(': stream of application changes\n\n');
    for (const application of this.watch.current()) send({ type: 'ADDED', application });
    const unsubscribe = this.watch.subscribe(send);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const guard = guardSession(this.authenticator, tokenFrom(req.headers), (message) => {
      res.write(`event: error\ndata: ${JSON.stringify({ error: { code: 401, message } })}\n\n`);
      res.end();
    });
    req.on('close', () => {
      clearInterval(heartbeat);
      guard.stop();
      unsubscribe();
    });
  }
}
