import {
  status as GrpcStatus,
  type handleServerStreamingCall,
  type handleUnaryCall,
  type Metadata,
  type ServerUnaryCall,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { application, project, session } from '@fjord/proto';
import { InputError, type GrpcServiceRegistration } from '@fjord/platform';
import { Action, Resource } from '@fjord/rbac';
import type { AppHandlers } from '../apps/app-handlers';
import { appRbacObject } from '../apps/app-rbac-object';
import type { AppWatch } from '../apps/app-watch';
import { tokenFrom, type Authenticator } from '../auth/authenticator';
import type { Authorizer } from '../auth/authorizer';
import type { Caller } from '../auth/caller';
import { guardSession } from '../auth/session-guard';
import { grpcPeerAddress, UNKNOWN_CLIENT, type TrustedProxies } from '../auth/client-address';
import { TooManyAttemptsError } from '../auth/login-limiter';
import type { SessionHandlers, VersionInfo } from '../auth/session-handlers';
import type { ProjectHandlers } from '../projects/project-handlers';
import { SyncStrategy } from '../apps/sync-request';
import { checkWellFormed, tolerantDefinition } from './malformed-request';
import { appFromWire, appToWire, projectFromWire, projectToWire } from './wire-mapper';

/** The handlers the gRPC services share with REST. */
export interface GrpcDeps {
  apps: AppHandlers;
  projects: ProjectHandlers;
  session: SessionHandlers;
  authenticator: Authenticator;
  authz: Authorizer;
  watch: AppWatch;
  version: VersionInfo;
  /** Whose `x-forwarded-for` metadata names the client; otherwise the connection's peer. */
  trustedProxies: TrustedProxies;
}

const header = (md: Metadata, key: string) => md.get(key)[0]?.toString();

/** A message field the call cannot do without; missing, it is INVALID_ARGUMENT naming the field. */
function required<T>(value: T | undefined, field: string): T {
  if (value === undefined || value === null) throw new InputError(`field ${field} is required`);
  return value;
}

/** The client's address: the connection's peer, or `x-forwarded-for` when the peer is a trusted proxy. */
function clientOf(deps: GrpcDeps, call: ServerUnaryCall<unknown, unknown>): string {
  const peer = grpcPeerAddress(call.getPeer()) ?? UNKNOWN_CLIENT;
  return deps.trustedProxies.clientAddress(peer === UNKNOWN_CLIENT ? undefined : peer, call.metadata.get('x-forwarded-for').map(String));
}

/** Too many failed logins is RESOURCE_EXHAUSTED on gRPC, as HTTP's 429. */
function wireError(err: unknown): unknown {
  return err instanceof TooManyAttemptsError ? { code: GrpcStatus.RESOURCE_EXHAUSTED, details: err.message, message: err.message } : err;
}

/** A unary handler that authenticates from the `authorization` metadata (or none, for public calls). */
function unary<Req, Res>(
  deps: GrpcDeps,
  fn: (req: Req, caller: Caller, call: ServerUnaryCall<Req, Res>) => Promise<Res>,
  isPublic = false,
): handleUnaryCall<Req, Res> {
  return (call, callback) => {
    const answer = async () => {
      checkWellFormed(call.request);
      const caller = isPublic
        ? ({ subject: '' } as Caller)
        : await deps.authenticator.authenticate(tokenFrom({ authorization: header(call.metadata, 'authorization') }));
      return fn(call.request, caller, call);
    };
    answer().then(
      (response) => callback(null, response),
      (err: unknown) => callback(wireError(err) as Error),
    );
  };
}

/** Application, Project and Session services on the gateway's gRPC port, over the same handlers as REST. */
export function grpcServices(deps: GrpcDeps): GrpcServiceRegistration[] {
  const { apps, projects } = deps;
  const appService: application.ApplicationServiceServer = {
    list: unary(deps, async (q: application.ApplicationQuery, c) => ({
      items: (await apps.list(c, { selector: q.selector, projects: q.projects, name: q.name })).map(appToWire),
      resourceVersion: '',
    })),
    get: unary(deps, async (q: application.ApplicationQuery, c) => appToWire(await apps.get(c, q.name))),
    create: unary(deps, async (r: application.ApplicationCreateRequest, c) =>
      appToWire(await apps.create(c, appFromWire(required(r.application, 'application')), { upsert: r.upsert, validate: r.validate })),
    ),
    update: unary(deps, async (r: application.ApplicationUpdateRequest, c) =>
      appToWire(await apps.update(c, appFromWire(required(r.application, 'application')), { validate: r.validate })),
    ),
    delete: unary(deps, async (r: application.ApplicationDeleteRequest, c) => {
      await apps.delete(c, r.name, { cascade: r.cascade, propagationPolicy: r.propagationPolicy || undefined });
      return {};
    }),
    sync: unary(deps, async (r: application.ApplicationSyncRequest, c) =>
      appToWire(
        await apps.sync(c, r.name, {
          revision: r.revision,
          prune: r.prune,
          dryRun: r.dryRun,
          resources: r.resources,
          syncOptions: r.syncOptions,
          strategy: r.strategy === SyncStrategy.Apply ? SyncStrategy.Apply : undefined,
        }),
      ),
    ),
    rollback: unary(deps, async (r: application.ApplicationRollbackRequest, c) =>
      appToWire(await apps.rollback(c, r.name, { id: r.id, prune: r.prune, dryRun: r.dryRun })),
    ),
    getResourceTree: unary(deps, (r: application.ResourcesQuery, c) => apps.resourceTree(c, r.applicationName)),
    getManagedResources: unary(deps, async (r: application.ResourcesQuery, c) => ({ items: await apps.managedResources(c, r.applicationName) })),
    listResourceEvents: unary(deps, async (r: application.ResourcesQuery, c) => ({
      items: (await apps.events(c, r.applicationName)).map((e) => ({
        type: e.type ?? '',
        reason: e.reason ?? '',
        message: e.message ?? '',
        involvedObjectKind: e.involvedObject?.kind ?? '',
        involvedObjectName: e.involvedObject?.name ?? '',
        firstTimestamp: e.firstTimestamp ?? '',
        lastTimestamp: e.lastTimestamp ?? '',
        count: e.count ?? 0,
      })),
    })),
    watch: watchHandler(deps),
    terminateOperation: unary(deps, async (r: application.OperationTerminateRequest, c) => {
      await apps.terminateOperation(c, r.name);
      return {};
    }),
  };
  const projectService: project.ProjectServiceServer = {
    list: unary(deps, async (_q: project.ProjectQuery, c) => ({ items: (await projects.list(c)).map(projectToWire) })),
    get: unary(deps, async (q: project.ProjectQuery, c) => projectToWire(await projects.get(c, q.name))),
    create: unary(deps, async (r: project.ProjectCreateRequest, c) =>
      projectToWire(await projects.create(c, projectFromWire(required(r.project, 'project')), r.upsert)),
    ),
    update: unary(deps, async (r: project.ProjectUpdateRequest, c) => projectToWire(await projects.update(c, projectFromWire(required(r.project, 'project'))))),
    delete: unary(deps, async (q: project.ProjectQuery, c) => {
      await projects.delete(c, q.name);
      return {};
    }),
    createToken: unary(deps, async (r: project.ProjectTokenCreateRequest, c) => ({ token: await projects.createToken(c, r.project, r.role, r.expiresIn) })),
  };
  const sessionService: session.SessionServiceServer = {
    create: unary(
      deps,
      async (r: session.SessionCreateRequest, _c, call) => ({ token: await deps.session.login(r.username, r.password, clientOf(deps, call)) }),
      true,
    ),
    delete: unary(deps, async (_r: session.SessionDeleteRequest, c) => {
      await deps.session.logout(c);
      return { token: '' };
    }),
    getUserInfo: unary(deps, async (_r: session.GetUserInfoRequest, c) => ({ ...deps.session.userInfo(c), groups: [] })),
    version: unary(
      deps,
      async () => ({ version: deps.version.Version, buildDate: deps.version.BuildDate, gitCommit: deps.version.GitCommit, platform: deps.version.Platform }),
      true,
    ),
  };
  return [
    { definition: tolerantDefinition(application.ApplicationServiceService), implementation: appService as UntypedServiceImplementation },
    { definition: tolerantDefinition(project.ProjectServiceService), implementation: projectService as UntypedServiceImplementation },
    { definition: tolerantDefinition(session.SessionServiceService), implementation: sessionService as UntypedServiceImplementation },
  ];
}

function watchHandler(deps: GrpcDeps): handleServerStreamingCall<application.ApplicationQuery, application.ApplicationWatchEvent> {
  // The promise is returned on purpose: the platform's interceptService answers its rejection with a gRPC status.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  return async (call) => {
    checkWellFormed(call.request);
    const token = tokenFrom({ authorization: header(call.metadata, 'authorization') });
    const caller = await deps.authenticator.authenticate(token);
    const q = call.request;
    const unsubscribe = deps.watch.subscribe((change) => {
      const app = change.application;
      if (q.name && app.metadata.name !== q.name) return;
      if (q.projects.length && !q.projects.includes(app.spec?.project || 'default')) return;
      if (!deps.authz.can(caller, Resource.Applications, Action.Get, appRbacObject(app))) return;
      call.write({ type: change.type, application: appToWire(app) });
    });
    // the stream ends when its session does (logout, account disabled, expiry), as every call would be refused
    const guard = guardSession(deps.authenticator, token, (message) => call.emit('error', { code: GrpcStatus.UNAUTHENTICATED, details: message }));
    const stop = () => {
      guard.stop();
      unsubscribe();
    };
    call.on('cancelled', stop);
    call.on('close', stop);
  };
}
