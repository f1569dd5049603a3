export { ManifestError } from './manifest-error';
export { parseManifests, type KubeObject, type ParseLimits } from './parse';
export { stringifyManifests } from './stringify';
