export { sprigFunctions, sprigFunctionNames } from './registry';
export { toInt64, toFloat64, strval, empty, deepEqual } from './cast';
export { marshalJson, unmarshalJson, type JsonOptions } from './json';
export { parseVersion, compareVersions, parseConstraints, checkConstraints, versionString, type SemVer, type Constraints } from './semver';
export { formatGoTime } from './dates';
export { mergeInto, deepCopy } from './dicts';
export { derivePassword } from './crypto';
