import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { FailedPreconditionError, InputError, NotFoundError } from '@fjord/platform';
import { Action, Resource } from '@fjord/rbac';
import type { applicationTypes } from '@fjord/proto';
import type { Authorizer } from '../auth/authorizer';
import type { Caller } from '../auth/caller';
import type { ArgoResources } from '../kube/argo-resources';
import { fromKubeError } from '../kube/kube-errors';
import { type AppProject, OperationPhase, ResourcesFinalizer, type Application } from '@fjord/argo';
import { appRbacObject } from './app-rbac-object';
import { checkAppPermitted } from '../projects/project-permits';
import { validateAppFields } from './app-validation';
import type { ControllerClient } from './controller-client';
import type { RepoServerClient } from './repo-server-client';
import { redactSecretDiffs } from './secret-redaction';
import { validateSources } from './source-validation';
import { autoSyncEnabled, rollbackOperation, syncOperation, type RollbackRequest, type SyncRequest } from './sync-request';

/** How often a terminate re-reads the app and tries again when another writer changed it meanwhile. */
const TERMINATE_ATTEMPTS = 5;

/** A list query: label selector and project filter. */
export interface AppListQuery {
  selector?: string;
  projects?: string[];
  name?: string;
}

/** How to delete an app: with its resources (cascade, foreground or background) or leaving them (orphan). */
export interface AppDeleteOptions {
  cascade?: boolean;
  propagationPolicy?: string;
}

/** A Kubernetes Event about an app, as the API returns it. */
export interface AppEvent {
  type?: string;
  reason?: string;
  message?: string;
  involvedObject?: { kind?: string; name?: string };
  firstTimestamp?: string;
  lastTimestamp?: string;
  count?: number;
}

/** How a create or update is checked: `validate: false` (Argo CD's `?validate=false`) skips asking the repo-server. */
export interface AppWriteOptions {
  upsert?: boolean;
  validate?: boolean;
}

/** The Application API: each call checks RBAC (and the project's restrictions on writes), then reads or writes the CR. */
export class AppHandlers {
  private readonly core: CoreV1Api;

  constructor(
    kc: KubeConfig,
    private readonly apps: ArgoResources<Application>,
    private readonly projects: ArgoResources<AppProject>,
    private readonly authz: Authorizer,
    private readonly controller: ControllerClient,
    private readonly repoServer: RepoServerClient,
  ) {
    this.core = kc.makeApiClient(CoreV1Api);
  }

  /** The apps the caller may see, filtered by selector, projects and name. */
  async list(caller: Caller, query: AppListQuery): Promise<Application[]> {
    const items = await this.apps.list(query.selector);
    return items.filter(
      (app) =>
        (!query.projects?.length || query.projects.includes(app.spec.project || 'default')) &&
        (!query.name || app.metadata.name === query.name) &&
        this.authz.can(caller, Resource.Applications, Action.Get, appRbacObject(app)),
    );
  }

  /** One app. NotFound and NotAllowed read the same to a caller who may not see it, so names do not leak. */
  async get(caller: Caller, name: string): Promise<Application> {
    const app = await this.apps.get(name).catch((err: unknown) => {
      if (err instanceof NotFoundError) throw new NotAllowedOrMissing(name);
      throw err;
    });
    if (!this.authz.can(caller, Resource.Applications, Action.Get, appRbacObject(app))) throw new NotAllowedOrMissing(name);
    return app;
  }

  /**
   * Creates an app (or, with upsert, updates it when it differs), after the checks a sync would make: field types,
   * the project's repos and destinations, and (unless `validate: false`) that each source resolves and renders.
   */
  async create(caller: Caller, body: unknown, options: AppWriteOptions = {}): Promise<Application> {
    const app = validateAppFields(body);
    this.authz.check(caller, Resource.Applications, Action.Create, appRbacObject(app));
    await this.checkSpec(app, options);
    try {
      return await this.apps.create({ metadata: pickMeta(app), spec: app.spec });
    } catch (err) {
      if (!options.upsert || (err as Error).name !== 'ConflictError') throw err;
      return this.update(caller, app, { validate: false });
    }
  }

  /** Replaces an app's spec, labels, annotations and finalizers; RBAC update on the old and the new project; checked as create. */
  async update(caller: Caller, body: unknown, options: AppWriteOptions = {}): Promise<Application> {
    const app = validateAppFields(body);
    const current = await this.get(caller, app.metadata.name);
    this.authz.check(caller, Resource.Applications, Action.Update, appRbacObject(current));
    this.authz.check(caller, Resource.Applications, Action.Update, appRbacObject(app));
    await this.checkSpec(app, options);
    const meta = pickMeta(app);
    return this.apps.replace({
      ...current,
      metadata: { ...current.metadata, ...meta, resourceVersion: app.metadata.resourceVersion || current.metadata.resourceVersion },
      spec: app.spec,
    });
  }

  /** Deletes an app: cascade keeps (or adds) the resources finalizer so the controller deletes what it made. */
  async delete(caller: Caller, name: string, options: AppDeleteOptions): Promise<void> {
    const app = await this.get(caller, name);
    this.authz.check(caller, Resource.Applications, Action.Delete, appRbacObject(app));
    const others = (app.metadata.finalizers ?? []).filter((f) => !Object.values(ResourcesFinalizer).includes(f as never));
    const cascade = options.cascade ?? true;
    const finalizer = options.propagationPolicy === 'background' ? ResourcesFinalizer.Background : ResourcesFinalizer.Foreground;
    const finalizers = cascade && options.propagationPolicy !== 'orphan' ? [...others, finalizer] : others;
    if (JSON.stringify(finalizers) !== JSON.stringify(app.metadata.finalizers ?? [])) {
      await this.apps.mergePatch(name, { metadata: { finalizers, resourceVersion: app.metadata.resourceVersion } });
    }
    await this.apps.delete(name);
  }

  /** Records a sync request in `operation`; the controller runs it. Refused while another operation runs. */
  async sync(caller: Caller, name: string, req: SyncRequest): Promise<Application> {
    const app = await this.get(caller, name);
    this.authz.check(caller, Resource.Applications, Action.Sync, appRbacObject(app));
    this.checkNoOperation(app);
    return this.apps.mergePatch(name, { metadata: { resourceVersion: app.metadata.resourceVersion }, operation: syncOperation(caller, req) });
  }

  /** Syncs to the revision and source of one history entry. Refused while auto-sync is on. */
  async rollback(caller: Caller, name: string, req: RollbackRequest): Promise<Application> {
    const app = await this.get(caller, name);
    this.authz.check(caller, Resource.Applications, Action.Sync, appRbacObject(app));
    if (autoSyncEnabled(app)) throw new FailedPreconditionError(`rollback cannot be initiated when auto-sync is enabled on ${name}`);
    const entry = app.status?.history?.find((h) => Number(h.id) === Number(req.id));
    if (!entry) throw new NotFoundError(`application ${name} has no history entry with id ${req.id}`);
    this.checkNoOperation(app);
    const operation = rollbackOperation(caller, entry, req);
    return this.apps.mergePatch(name, { metadata: { resourceVersion: app.metadata.resourceVersion }, operation });
  }

  /**
   * Asks the controller to stop the app's running operation, as Argo CD's TerminateOperation does: sets
   * `status.operationState.phase` to Terminating (a merge patch of the status subresource; RBAC sync). Unlike Argo CD it looks at the phase, not at
   * `operation`, so an operation whose request was already cleared can still be stopped; a second terminate is a
   * no-op. Refused (400) when nothing runs. Retries a few times when the app changes under it.
   */
  async terminateOperation(caller: Caller, name: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const app = await this.get(caller, name);
      this.authz.check(caller, Resource.Applications, Action.Sync, appRbacObject(app));
      const phase = app.status?.operationState?.phase;
      if (phase === OperationPhase.Terminating) return;
      if (phase !== OperationPhase.Running) throw new InputError('Unable to terminate operation. No operation is in progress');
      try {
        await this.apps.mergePatchStatus(name, {
          metadata: { resourceVersion: app.metadata.resourceVersion },
          status: { operationState: { phase: OperationPhase.Terminating } },
        });
        return;
      } catch (err) {
        if ((err as Error).name !== 'ConflictError' || attempt >= TERMINATE_ATTEMPTS) throw err;
      }
    }
  }

  /** The app's resource tree, from the controller. */
  async resourceTree(caller: Caller, name: string): Promise<applicationTypes.ResourceTree> {
    const app = await this.get(caller, name);
    return this.controller.resourceTree(name, app.metadata.namespace ?? this.apps.namespace);
  }

  /** Desired vs live of each managed resource, from the controller, with Secret values redacted. */
  async managedResources(caller: Caller, name: string): Promise<applicationTypes.ResourceDiff[]> {
    const app = await this.get(caller, name);
    return redactSecretDiffs(await this.controller.managedResources(name, app.metadata.namespace ?? this.apps.namespace));
  }

  /** The Kubernetes Events about the app, oldest first. */
  async events(caller: Caller, name: string): Promise<AppEvent[]> {
    const app = await this.get(caller, name);
    const namespace = app.metadata.namespace ?? this.apps.namespace;
    try {
      const list = await this.core.listNamespacedEvent({ namespace, fieldSelector: `involvedObject.name=${name},involvedObject.kind=Application` });
      return list.items.map((e) => ({
        type: e.type,
        reason: e.reason,
        message: e.message,
        involvedObject: { kind: e.involvedObject.kind, name: e.involvedObject.name },
        firstTimestamp: e.firstTimestamp?.toISOString?.() ?? (e.firstTimestamp as unknown as string),
        lastTimestamp: e.lastTimestamp?.toISOString?.() ?? (e.lastTimestamp as unknown as string),
        count: e.count,
      }));
    } catch (err) {
      throw fromKubeError(`list events of application ${name}`, err);
    }
  }

  private checkNoOperation(app: Application): void {
    if (app.operation || app.status?.operationState?.phase === OperationPhase.Running) {
      throw new FailedPreconditionError(`another operation is already in progress on ${app.metadata.name}`);
    }
  }

  /** What a sync would refuse, refused now: the project's rules (libs/sync's), then the sources through the repo-server. */
  private async checkSpec(app: Application, options: AppWriteOptions): Promise<void> {
    const name = app.spec.project || 'default';
    const project = await this.projects.get(name).catch((err: unknown) => {
      if (err instanceof NotFoundError) throw new InputError(`field spec.project: application references project ${name} which does not exist`);
      throw err;
    });
    checkAppPermitted(project, app);
    if (options.validate !== false) await validateSources(app, this.repoServer);
  }
}

/** Answers a missing app and a hidden app alike (404), so a caller cannot probe for names it may not see. */
class NotAllowedOrMissing extends NotFoundError {
  constructor(name: string) {
    super(`application ${name} not found or permission denied`);
  }
}

function pickMeta(app: Application): Application['metadata'] {
  const { name, labels, annotations, finalizers } = app.metadata;
  return { name, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}), ...(finalizers ? { finalizers } : {}) };
}
