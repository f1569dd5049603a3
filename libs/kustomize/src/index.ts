export { buildKustomization, isKustomization, type KustomizeOptions, type HelmChartHook } from './build';
export { stringifyKustomizeOutput } from './yaml-emit';
export { editSetImage, parseSetImageArg } from './edit-set-image';
export { parseKustomization, KUSTOMIZATION_FILE_NAMES, type Kustomization, type ImageSpec } from './kustomization';
export type { RemoteResolver, RemoteBase } from './remote';
export type { LoadRestriction } from './loader';
export type { Environment } from './generators';
export { nameHash } from './hash';
export { applyStrategicMerge } from './smp';
