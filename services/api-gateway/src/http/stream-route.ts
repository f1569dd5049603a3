import { Action, Resource } from '@fjord/rbac';
import { appRbacObject } from '../apps/application';
import type { AppChange, AppWatch } from '../apps/app-watch';
import { tokenFrom, type Authenticator } from '../auth/authenticator';
import type { Authorizer } from '../auth/authorizer';
import { guardSession } from '../auth/session-guard';
import { HttpMethod, queryList, type Route } from './route';

/** How often an idle stream sends a comment line, so proxies keep it open. */
const HEARTBEAT_MS = 15_000;

/**
 * `GET /api/v1/stream/applications`: server-sent events of application changes the caller may see (optionally
 * one app by `name`, or `projects`), starting with the current state, each as `data: {"result": {type,
 * application}}` like Argo CD's stream. The stream ends when its session does (logout, account disabled, expiry).
 */
export function streamRoute(watch: AppWatch, authz: Authorizer, authenticator: Authenticator): Route {
  return {
    method: HttpMethod.Get,
    path: '/api/v1/stream/applications',
    streams: true,
    handle: async (c) => {
      const name = typeof c.query.name === 'string' ? c.query.name : undefined;
      const projects = queryList(c.query.projects);
      const visible = (change: AppChange) => {
        const app = change.application;
        return (
          (!name || app.metadata.name === name) &&
          (!projects.length || projects.includes(app.spec?.project || 'default')) &&
          authz.can(c.caller, Resource.Applications, Action.Get, appRbacObject(app))
        );
      };
      const send = (change: AppChange) => {
        if (visible(change)) c.res.write(`data: ${JSON.stringify({ result: change })}\n\n`);
      };
      c.res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
      c.res.write(': stream of application changes\n\n');
      for (const application of watch.current()) send({ type: 'ADDED', application });
      const unsubscribe = watch.subscribe(send);
      const heartbeat = setInterval(() => c.res.write(': heartbeat\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      const guard = guardSession(authenticator, tokenFrom(c.headers), (message) => {
        c.res.write(`event: error\ndata: ${JSON.stringify({ error: { code: 401, message } })}\n\n`);
        c.res.end();
      });
      c.req.on('close', () => {
        clearInterval(heartbeat);
        guard.stop();
        unsubscribe();
      });
      return undefined;
    },
  };
}
