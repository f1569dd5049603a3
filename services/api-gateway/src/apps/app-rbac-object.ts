import type { Application } from '@fjord/argo';

/** The RBAC object of an app: `<project>/<name>`. */
export const appRbacObject = (app: Application) => `${app.spec?.project || 'default'}/${app.metadata.name}`;
