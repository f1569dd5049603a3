/** YAML and JSON encoding as Helm's template functions do it (sigs.k8s.io/yaml = JSON round trip + yaml.v2). */
import type { KubeObject } from '@fjord/k8s-yaml';
import { stringifyKustomizeOutput } from '@fjord/kustomize';
import { marshalJson } from '@fjord/sprig';

/**
 * yaml.Marshal of a Go value through sigs.k8s.io/yaml: json.Marshal, then yaml.v2 emission (yaml.v2's key
 * order, quoting, literal blocks, 80-column folding). The emitter is the one `kustomize build` output uses,
 * which goes through the same pipeline. Returns the text with its final newline; throws on unsupported values.
 */
export function marshalYaml(v: unknown): string {
  const json = JSON.parse(marshalJson(v, { escapeHTML: false })) as unknown;
  const out = stringifyKustomizeOutput([json as KubeObject]);
  // yaml.v2 indents the lines of a root-level literal block by 2; the shared emitter only emits blocks under keys.
  if (!out.startsWith('|')) return out;
  const [header, ...lines] = out.slice(0, -1).split('\n');
  return `${[header, ...lines.map((l) => (l ? `  ${l}` : l))].join('\n')}\n`;
}

/** Helm's `toYaml`: {@link marshalYaml} without the final newline, or "" when the value cannot be encoded. */
export function toYaml(v: unknown): string {
  try {
    return marshalYaml(v).replace(/\n$/, '');
  } catch {
    return '';
  }
}
