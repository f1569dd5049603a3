import type { Application } from '@fjord/argo';

/**
 * The Application vocabulary the gateway uses, defined once in @fjord/argo (issue 16); this module keeps the
 * gateway's imports stable and holds what only the gateway needs.
 */
export {
  AppAnnotation,
  appSources,
  OperationPhase,
  RefreshType,
  ResourcesFinalizer,
  type Application,
  type ApplicationDestination,
  type ApplicationSource,
  type ApplicationSpec,
  type ApplicationStatus,
  type ObjectMeta,
  type Operation,
  type RevisionHistory,
  type SyncOperation,
} from '@fjord/argo';

/** The RBAC object of an app: `<project>/<name>`. */
export const appRbacObject = (app: Application) => `${app.spec?.project || 'default'}/${app.metadata.name}`;
