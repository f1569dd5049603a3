export { ManifestError } from './manifest-error';
export type { KubeObject } from '@fjord/argo';
export { parseManifests, type ParseLimits } from './parse';
export { stringifyManifests } from './stringify';
