import { InputError, redactUrls } from '@fjord/platform';
import { checkProject } from '@fjord/sync';
import { appSources, type Application, type AppProject } from '@fjord/argo';

/**
 * Refuses (InputError, as Argo CD answers InvalidArgument) an app whose sources or destination its project does
 * not permit, naming the repository (credentials redacted) or destination and the project. The rules are
 * libs/sync's `checkProject`, the same function the controller enforces at sync time, so what the API accepts a
 * sync never refuses for its repos or destination (a destination is permitted iff some entry allows it and no
 * `!…` entry denies it).
 */
export function checkAppPermitted(project: AppProject, app: Application): void {
  const sources = appSources(app);
  if (!sources.length) throw new InputError(`application ${app.metadata.name} has no source: set spec.source`);
  const dest = app.spec.destination ?? {};
  if (!dest.server && !dest.name)
    throw new InputError(`application ${app.metadata.name} has no destination: set spec.destination.server or spec.destination.name`);
  const violations = checkProject(
    { name: project.metadata.name, spec: project.spec ?? {} },
    { sources: sources.map((s) => ({ repoURL: s.repoURL ?? '' })), destination: dest },
  );
  if (violations.length) throw new InputError(redactUrls(violations.map((v) => v.message).join('; ')));
}
