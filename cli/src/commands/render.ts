import type { Command } from 'commander';
import { stringifyManifests } from '@fjord/k8s-yaml';
import { renderSource, type RenderRequest } from '@fjord/render';
import { defaultRenderers } from '@fjord/renderers';
import { openSource } from './local-source';

interface RenderFlags {
  path?: string;
  revision?: string;
  values: string[];
  set: string[];
  setString: string[];
  releaseName?: string;
  namespace?: string;
  kubeVersion?: string;
  apiVersions: string[];
  output: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `fjord render SOURCE`: renders a source in-process with the repo-server's own library and prints the objects. */
export function registerRenderCommand(program: Command, out: (text: string) => void): void {
  program
    .command('render')
    .description('Render a Git repository or local directory (plain YAML, Kustomize, Helm) as the repo-server would')
    .argument('<source>', 'a Git URL (http(s)://, file://) or a local directory')
    .option('--path <path>', 'path of the app inside the source')
    .option('--revision <rev>', 'branch, tag or commit to render (Git sources)')
    .option('--values <file>', 'Helm value file inside the chart (repeatable)', collect, [])
    .option('--set <key=value>', 'Helm value (repeatable)', collect, [])
    .option('--set-string <key=value>', 'Helm string value (repeatable)', collect, [])
    .option('--release-name <name>', 'Helm release name')
    .option('--namespace <ns>', 'destination namespace')
    .option('--kube-version <version>', 'Kubernetes version for Helm .Capabilities and kubeVersion checks')
    .option('--api-versions <group/version>', 'API versions for .Capabilities.APIVersions (repeatable)', collect, [])
    .option('-o, --output <format>', 'yaml or json', 'yaml')
    .action(async (source: string, flags: RenderFlags) => {
      if (!['yaml', 'json'].includes(flags.output)) throw new Error(`--output must be yaml or json, not "${flags.output}"`);
      const opened = await openSource(source, { path: flags.path, revision: flags.revision });
      const request: RenderRequest = {
        path: opened.path,
        namespace: flags.namespace,
        kubeVersion: flags.kubeVersion,
        apiVersions: flags.apiVersions.length ? flags.apiVersions : undefined,
        helm: helmOptions(flags),
      };
      const { objects } = renderSource(opened.fs, request, defaultRenderers());
      out(flags.output === 'json' ? `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }, null, 2)}\n` : stringifyManifests(objects));
    });
}

function helmOptions(flags: RenderFlags): Record<string, unknown> | undefined {
  const parameters = [
    ...flags.set.map((kv) => ({ ...splitKeyValue(kv, '--set'), forceString: false })),
    ...flags.setString.map((kv) => ({ ...splitKeyValue(kv, '--set-string'), forceString: true })),
  ];
  if (!flags.values.length && !parameters.length && !flags.releaseName) return undefined;
  return { valueFiles: flags.values, parameters, releaseName: flags.releaseName };
}

function splitKeyValue(kv: string, flag: string): { name: string; value: string } {
  const eq = kv.indexOf('=');
  if (eq <= 0) throw new Error(`${flag} ${kv}: expected key=value`);
  return { name: kv.slice(0, eq), value: kv.slice(eq + 1) };
}
