import { GoInt, isGoInt, isIntType, intOf, kindOfType, withGoType, type GoValue } from './values';

/** A Go function signature as templates check it: parameter types, variadic tail, result, error result. */
export interface Signature {
  /** Parameter types; for a variadic function the last one is the element type of the `...` parameter. */
  params: string[];
  variadic: boolean;
  /** The first result type (`reflect.Value` means the function returns a value as is). */
  result: string;
  /** Whether the function has a second `error` result (thrown errors become template errors either way). */
  hasError: boolean;
  /** The signature text, e.g. `func(string, ...interface {}) string`. */
  text: string;
}

/** A template function: a JS function, optionally carrying a Go signature (see {@link goFunc}). */
export type GoFunction = (...args: never[]) => unknown;

/** Functions by name, as Go's template.FuncMap. */
export type FuncMap = Record<string, GoFunction>;

const SIG = Symbol.for('fjord.goSignature');

const ANY_SIGNATURE: Signature = {
  params: ['interface {}'],
  variadic: true,
  result: 'interface {}',
  hasError: true,
  text: 'func(...interface {}) interface {}',
};

/** Splits the top-level comma-separated types of a parameter list. */
function splitTypes(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (list.slice(start).trim()) out.push(list.slice(start).trim());
  return out;
}

/** Parses a Go signature text such as `func(string, ...interface {}) (string, error)`. */
export function parseSignature(text: string): Signature {
  const m = /^func\((.*?)\)\s*(.*)$/.exec(text.trim());
  if (!m) throw new Error(`bad Go signature ${JSON.stringify(text)}`);
  const params = splitTypes(m[1]);
  let variadic = false;
  if (params.length && params[params.length - 1].startsWith('...')) {
    variadic = true;
    params[params.length - 1] = params[params.length - 1].slice(3);
  }
  let results = m[2].trim();
  if (results.startsWith('(')) results = results.slice(1, -1);
  const rs = splitTypes(results);
  const hasError = rs.length === 2 && rs[1] === 'error';
  const shown = variadic ? [...params.slice(0, -1), `...${params[params.length - 1]}`] : params;
  const resultText = rs.length > 1 ? `(${rs.join(', ')})` : (rs[0] ?? '');
  return { params, variadic, result: rs[0] ?? '', hasError, text: `func(${shown.join(', ')})${resultText ? ' ' + resultText : ''}` };
}

/**
 * Declares a template function with a Go signature, so that argument checking and error messages match Go's
 * (`wrong number of args for X: want 2 got 1`, `wrong type for value; expected string; got float64`) and the result
 * takes the declared Go type (a JS number returned as `int` becomes a bigint; `[]string` tags the array).
 */
export function goFunc<F extends (...args: never[]) => unknown>(signature: string, fn: F): F {
  const sig = parseSignature(signature);
  const target = Object.prototype.hasOwnProperty.call(fn, SIG) ? (((...a: never[]) => fn(...a)) as F) : fn;
  Object.defineProperty(target, SIG, { value: sig, enumerable: false });
  return target;
}

/** The signature of a function (functions without one take and return interface{}). */
export function signatureOf(fn: GoFunction): Signature {
  return (fn as unknown as Record<symbol, Signature>)[SIG] ?? ANY_SIGNATURE;
}

/** Converts an implementation's JS result to the declared Go result type. */
export function coerceResult(value: unknown, type: string): GoValue {
  const kind = kindOfType(type);
  if (isIntType(kind)) {
    if (typeof value === 'number') return new GoInt(BigInt(Math.trunc(value)), kind);
    if (isGoInt(value)) return new GoInt(intOf(value), kind);
    return value;
  }
  switch (kind) {
    case 'int':
      if (typeof value === 'number') return BigInt(Math.trunc(value));
      if (value instanceof GoInt) return value.value;
      return value;
    case 'float64':
      return isGoInt(value) ? Number(intOf(value)) : value;
    case 'slice':
    case 'map':
      if (value !== null && typeof value === 'object' && type !== '[]interface {}' && type !== 'map[string]interface {}') {
        return withGoType(value, type);
      }
      return value === undefined ? null : value;
    default:
      return value;
  }
}
