export { ManifestError } from './manifest-error';
export type { KubeObject } from '@fjord/argo';
export { parseManifests } from './parse';
export { readYamlDocument, readYamlStream, type JsonValue, type ReadYamlOptions } from './read-yaml';
export { relaxIndentation } from './relax-indentation';
export { stringifyManifests } from './stringify';
