import type { SourceFileSystem } from '@fjord/source-fs';

/** The kinds of source Fjord renders. */
export const SourceType = {
  Directory: 'Directory',
  Kustomize: 'Kustomize',
  Helm: 'Helm',
} as const;
export type SourceType = (typeof SourceType)[keyof typeof SourceType];

/** The file names that make a directory a Kustomization, in kustomize's order of preference. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/**
 * The source type of the directory at `path`: an explicit choice wins (the Application set `kustomize`, `helm` or
 * `directory`); otherwise a kustomization file means Kustomize, `Chart.yaml` means Helm, and anything else is a
 * plain directory.
 */
export function detectSourceType(fs: SourceFileSystem, path: string, explicit?: SourceType): SourceType {
  if (explicit) return explicit;
  const join = (name: string) => (path ? `${path}/${name}` : name);
  if (KUSTOMIZATION_FILES.some((f) => fs.stat(join(f)) === 'file')) return SourceType.Kustomize;
  if (fs.stat(join('Chart.yaml')) === 'file') return SourceType.Helm;
  return SourceType.Directory;
}
