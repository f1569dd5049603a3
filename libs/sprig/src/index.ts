export { sprigFunctions, sprigFunctionNames } from './registry';
export { toInt64, toFloat64, strval, empty, deepEqual } from './cast';
export { marshalJson, unmarshalJson, type JsonOptions } from './json';
export { parseVersion, compareVersions, parseConstraints, checkConstraints, versionString, type SemVer, type Constraints } from './semver';
// Go durations are @fjord/argo's; services/secrets still imports the parser under its old name.
export { parseGoDuration as parseDuration } from '@fjord/argo';
export { formatGoTime } from './dates';
export { mergeInto, deepCopy } from './dicts';
export { derivePassword } from './crypto';
