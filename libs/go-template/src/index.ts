export { TemplateSet, type TemplateSetOptions } from './template-set';
export { MissingKey } from './exec';
export { TemplateError, TemplateErrorKind, FuncError } from './errors';
export { goFunc, parseSignature, signatureOf, coerceResult, type FuncMap, type GoFunction, type Signature } from './funcs';
export { sprint, sprintf, sprintln, formatValue, typeString } from './fmt';
export { canBackquote, formatFloat, quote, unquote } from './strconv';
export { decodeUtf8 } from './utf8';
export { htmlEscape, jsEscape, urlQueryEscape, callFunction, builtinFunctionNames } from './builtins';
export {
  GoComplex,
  GoInt,
  GoStruct,
  int64,
  withGoType,
  withGoMethods,
  goMethods,
  goTypeOf,
  goKindOf,
  kindOfType,
  elemTypeOf,
  zeroValue,
  isGoMap,
  isGoInt,
  intOf,
  isTrue,
  goLen,
  sortedKeys,
  compareStrings,
  utf8Length,
  type GoValue,
  type GoMap,
  type GoKind,
  type IntType,
} from './values';
export type { ParsedTree } from './parser';
