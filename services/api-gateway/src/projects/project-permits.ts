import { InputError } from '@fjord/platform';
import { globMatch } from '@fjord/rbac';
import type { Application, ApplicationSource } from '../apps/application';
import { normalizeRepoUrl } from '../webhook/repo-url';
import type { AppProject, ProjectDestination } from './app-project';

/** Matches a value against a project's list of globs, where `!glob` entries exclude. */
function permittedByList(patterns: string[], value: string, normalize: (s: string) => string = (s) => s): boolean {
  const v = normalize(value);
  const negative = patterns.filter((p) => p.startsWith('!')).map((p) => normalize(p.slice(1)));
  const positive = patterns.filter((p) => !p.startsWith('!')).map((p) => (p === '*' ? p : normalize(p)));
  return positive.some((p) => globMatch(p, v)) && !negative.some((p) => globMatch(p, v));
}

/** True when the project allows this source repository (`spec.sourceRepos`). */
export function sourcePermitted(project: AppProject, source: ApplicationSource): boolean {
  return permittedByList(project.spec.sourceRepos ?? [], source.repoURL ?? '', normalizeRepoUrl);
}

/** True when the project allows this destination (`spec.destinations`: server or name, and namespace). */
export function destinationPermitted(project: AppProject, dest: ProjectDestination): boolean {
  return (project.spec.destinations ?? []).some((allowed) => {
    const target = dest.server ? globMatch(allowed.server ?? '', dest.server) : dest.name ? globMatch(allowed.name ?? '', dest.name) : false;
    const ns = allowed.namespace ?? '';
    const nsOk = ns.startsWith('!') ? !globMatch(ns.slice(1), dest.namespace ?? '') : globMatch(ns, dest.namespace ?? '');
    return target && nsOk;
  });
}

/**
 * Refuses (InputError, as Argo CD answers InvalidArgument) an app whose sources or destination its project does
 * not permit, naming the repository or destination and the project.
 */
export function checkAppPermitted(project: AppProject, app: Application): void {
  const name = project.metadata.name;
  const sources = app.spec.sources?.length ? app.spec.sources : app.spec.source ? [app.spec.source] : [];
  if (!sources.length) throw new InputError(`application ${app.metadata.name} has no source`);
  for (const source of sources) {
    if (!sourcePermitted(project, source)) {
      throw new InputError(`application repo ${source.repoURL} is not permitted in project '${name}'`);
    }
  }
  const dest = app.spec.destination ?? {};
  if (!dest.server && !dest.name) throw new InputError(`application ${app.metadata.name} has no destination server or name`);
  if (!destinationPermitted(project, dest)) {
    throw new InputError(
      `application destination {${dest.server ?? dest.name} ${dest.namespace ?? ''}} is not permitted in project '${name}'`,
    );
  }
}
