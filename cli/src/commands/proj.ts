import type { AppProject } from '@fjord/argo';
import type { Command } from 'commander';
import { ApiClient } from './api-client';
import { printAs, table } from './output';

/** An AppProject as the CLI shows it. */
type ProjectView = AppProject;

const dests = (p: ProjectView) => (p.spec.destinations ?? []).map((d) => `${d.server ?? d.name},${d.namespace ?? ''}`).join(' ');

/** `fjord proj list|get`: the AppProjects the caller may see. */
export function registerProjCommands(program: Command, out: (text: string) => void): void {
  const proj = program.command('proj').description('Manage projects');
  proj
    .command('list')
    .description('List projects')
    .option('-o, --output <format>', 'json|yaml')
    .action(async (o: { output?: string }) => {
      const { items } = await ApiClient.fromConfig().request<{ items: ProjectView[] }>('GET', '/api/v1/projects');
      out(
        printAs(o.output, items, () =>
          table(
            ['NAME', 'DESCRIPTION', 'DESTINATIONS', 'SOURCES'],
            items.map((p) => [p.metadata.name, p.spec.description ?? '', dests(p), (p.spec.sourceRepos ?? []).join(',')]),
          ),
        ),
      );
    });
  proj
    .command('get')
    .description('Show a project')
    .argument('<name>')
    .option('-o, --output <format>', 'json|yaml')
    .action(async (name: string, o: { output?: string }) => {
      const p = await ApiClient.fromConfig().request<ProjectView>('GET', `/api/v1/projects/${encodeURIComponent(name)}`);
      out(
        printAs(
          o.output,
          p,
          () =>
            `Name:          ${p.metadata.name}\nDescription:   ${p.spec.description ?? ''}\nDestinations:  ${dests(p)}\nRepositories:  ${(p.spec.sourceRepos ?? []).join(', ')}\nRoles:         ${(p.spec.roles ?? []).map((r) => r.name).join(', ')}\n`,
        ),
      );
    });
}
