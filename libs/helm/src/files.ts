/** The `.Files` object of a chart: a Go map of file name to bytes with Helm's methods. */
import { compileGlob, GlobDialect } from '@fjord/argo';
import { goFunc, withGoMethods, withGoType } from '@fjord/go-template';
import type { ChartFile } from './chart';
import { toYaml } from './to-yaml';

/** Files as templates see them (engine.files). */
export type HelmFiles = Record<string, Uint8Array>;

const decoder = new TextDecoder();

const baseName = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/** Builds the `.Files` value (with Get, GetBytes, Glob, Lines, AsConfig, AsSecrets) from chart files. */
export function newFiles(from: ChartFile[] | HelmFiles): HelmFiles {
  const map: HelmFiles = Object.create(null) as HelmFiles;
  if (Array.isArray(from)) for (const f of from) map[f.name] = f.data;
  else Object.assign(map, from);
  withGoType(map, 'map[string][]uint8');
  return withGoMethods(map, {
    GetBytes: goFunc('func(string) []uint8', (name: string) => map[name] ?? new Uint8Array()),
    Get: goFunc('func(string) string', (name: string) => (map[name] ? decoder.decode(map[name]) : '')),
    Glob: goFunc('func(string) map[string][]uint8', (pattern: string) => {
      let re: RegExp;
      try {
        re = compileGlob(pattern, GlobDialect.HelmFiles);
      } catch {
        re = /^.*$/s;
      }
      const out: HelmFiles = {};
      for (const [name, data] of Object.entries(map)) if (re.test(name)) out[name] = data;
      return newFiles(out);
    }),
    AsConfig: goFunc('func() string', () => {
      const m: Record<string, string> = {};
      for (const [k, v] of Object.entries(map)) m[baseName(k)] = decoder.decode(v);
      return toYaml(m);
    }),
    AsSecrets: goFunc('func() string', () => {
      const m: Record<string, string> = {};
      for (const [k, v] of Object.entries(map)) m[baseName(k)] = Buffer.from(v).toString('base64');
      return toYaml(m);
    }),
    Lines: goFunc('func(string) []string', (path: string) => {
      const data = map[path];
      if (!data || data.length === 0) return withGoType([], '[]string');
      let s = decoder.decode(data);
      if (s.endsWith('\n')) s = s.slice(0, -1);
      return withGoType(s.split('\n'), '[]string');
    }),
  });
}
