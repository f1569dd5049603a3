import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './repo-root';

/** The shared corpus of real-world charts and apps that conformance tests read (beside the repository). */
export const SHARED_CORPUS = join(repoRoot(), '..', 'shared', 'corpus');

/** One case of a corpus: its name in reports, the root it is read through, and its folder relative to that root. */
export interface CorpusCase {
  name: string;
  root: string;
  dir: string;
}

/** Options of {@link findCorpusCases}. */
export interface FindCasesOptions {
  /** Whether a folder, given the names in it, is a case (holds a Chart.yaml, a kustomization…). */
  isCase: (entries: string[]) => boolean;
  /** Whether a case's subfolders may hold more cases (kustomize overlays), or belong to it (a chart's subcharts). */
  nested: boolean;
}

/** The case folders under `root`, hidden folders skipped, named `label/path`; none when `root` does not exist. */
export function findCorpusCases(root: string, label: string, o: FindCasesOptions): CorpusCase[] {
  const out: CorpusCase[] = [];
  const walk = (dir: string): void => {
    const entries = readdirSync(dir);
    if (o.isCase(entries)) {
      out.push({ name: `${label}/${relative(root, dir) || '.'}`, root, dir: relative(root, dir) });
      if (!o.nested) return;
    }
    for (const e of entries) if (!e.startsWith('.') && statSync(join(dir, e)).isDirectory()) walk(join(dir, e));
  };
  if (existsSync(root)) walk(root);
  return out;
}
