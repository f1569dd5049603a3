import type { Application, ApplicationSource } from '@fjord/argo';

/**
 * The Application vocabulary the gateway uses, defined once in @fjord/argo (issue 16); this module keeps the
 * gateway's imports stable and holds what only the gateway needs.
 */
export {
  AppAnnotation,
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

/** The sources of an app: every entry of `spec.sources` when non-empty, else `spec.source` (none when neither). */
export const appSources = (app: Application): ApplicationSource[] => (app.spec.sources?.length ? app.spec.sources : app.spec.source ? [app.spec.source] : []);

/** The RBAC object of an app: `<project>/<name>`. */
export const appRbacObject = (app: Application) => `${app.spec?.project || 'default'}/${app.metadata.name}`;
