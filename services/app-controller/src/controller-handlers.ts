import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import type { TreeNode } from '@fjord/cluster-cache';
import type { ResourceDiff } from '@fjord/diff';
import { InputError, NotFoundError } from '@fjord/platform';
import { applicationTypes, controller } from '@fjord/proto';

/** What the handlers read from the controller. */
export interface ControllerView {
  /** The app's resource tree, or undefined when the app is unknown. */
  tree(key: string): TreeNode[] | undefined;
  /** The app's last comparison, or undefined when it has none yet. */
  managedResources(key: string): ResourceDiff[] | undefined;
  /** Queues a refresh; false when the app is unknown. */
  refresh(key: string, hard: boolean): boolean;
}

type Unary<Req, Res> = (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => Promise<void>;

const keyOf = (app: controller.ApplicationKey | undefined): string => {
  if (!app?.name) throw new InputError('app.name is required');
  return `${app.namespace}/${app.name}`;
};

const ref = (k: { group: string; kind: string; namespace: string; name: string }, version = '', uid = ''): applicationTypes.ResourceRef => ({
  group: k.group,
  version,
  kind: k.kind,
  namespace: k.namespace,
  name: k.name,
  uid,
});

/** The ControllerService the api-gateway calls: resource tree, managed resources with diffs, refresh. */
export function controllerHandlers(view: ControllerView): controller.ControllerServiceServer {
  const getResourceTree: Unary<controller.GetResourceTreeRequest, applicationTypes.ResourceTree> = async (call, callback) => {
    const key = keyOf(call.request.app);
    const nodes = view.tree(key);
    if (!nodes) throw new NotFoundError(`application ${key} not found`);
    callback(null, {
      nodes: nodes.map((n) => ({
        ref: ref(n.key, n.version, n.uid),
        parentRefs: n.parents.map((p) => ref(p)),
        health: n.health ? { status: n.health.status, message: n.health.message ?? '' } : undefined,
        images: n.images,
        createdAt: n.createdAt ?? '',
        resourceVersion: n.resourceVersion,
      })),
      orphanedNodes: [],
    });
  };

  const getManagedResources: Unary<controller.GetManagedResourcesRequest, controller.GetManagedResourcesResponse> = async (call, callback) => {
    const key = keyOf(call.request.app);
    const resources = view.managedResources(key);
    if (!resources) throw new NotFoundError(`application ${key} has not been compared yet`);
    callback(null, {
      items: resources.map((r) => ({
        ref: ref(r, r.version),
        liveState: r.normalizedLive ? JSON.stringify(r.normalizedLive) : '',
        targetState: r.predictedLive ? JSON.stringify(r.predictedLive) : '',
        modified: r.modified,
        diff: r.diff,
        driftManagers: r.drift.flatMap((d) =>
          d.managers.slice(0, 1).map((m) => ({ manager: m.manager, operation: m.operation ?? '', time: m.time ?? '', fields: [d.path] })),
        ),
        hook: r.hook,
      })),
    });
  };

  const refresh: Unary<controller.RefreshRequest, controller.RefreshResponse> = async (call, callback) => {
    const key = keyOf(call.request.app);
    if (!view.refresh(key, call.request.refreshType === 'hard')) throw new NotFoundError(`application ${key} not found`);
    callback(null, {});
  };

  return { getResourceTree, getManagedResources, refresh } as unknown as controller.ControllerServiceServer;
}
