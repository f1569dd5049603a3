import { deepEqual, isObject, type JsonPath } from './json';
import type { JqAst } from './jq-parse';

/** A value produced by a jq path expression, with where it sits in the input document. */
interface Located {
  value: unknown;
  path: JsonPath;
}

/** An error raised while running a jq expression (jq's runtime errors, e.g. iterating over null). */
export class JqRuntimeError extends Error {
  override name = 'JqRuntimeError';
}

const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v);
const truthy = (v: unknown) => v !== false && v !== null && v !== undefined;

function indexInto(input: Located, key: string | number): Located {
  const { value, path } = input;
  if (value === null || value === undefined) return { value: null, path: [...path, key] };
  if (typeof key === 'string' && isObject(value)) return { value: value[key] ?? null, path: [...path, key] };
  if (typeof key === 'number' && Array.isArray(value)) {
    const i = key < 0 ? value.length + key : key;
    return { value: value[i] ?? null, path: [...path, i] };
  }
  throw new JqRuntimeError(`Cannot index ${typeName(value)} with ${JSON.stringify(key)}`);
}

function iterate(input: Located): Located[] {
  const { value, path } = input;
  if (Array.isArray(value)) return value.map((v, i) => ({ value: v, path: [...path, i] }));
  if (isObject(value)) return Object.entries(value).map(([k, v]) => ({ value: v, path: [...path, k] }));
  throw new JqRuntimeError(`Cannot iterate over ${typeName(value)}`);
}

function recurse(input: Located): Located[] {
  const out = [input];
  if (Array.isArray(input.value) || isObject(input.value)) for (const child of iterate(input)) out.push(...recurse(child));
  return out;
}

/** Runs a jq expression in path mode: every output with its location in the input (jq's `path(f)`). */
export function evalPaths(ast: JqAst, input: Located): Located[] {
  switch (ast.t) {
    case 'identity':
      return [input];
    case 'field':
      return [indexInto(input, ast.name)];
    case 'index':
      return [indexInto(input, ast.key)];
    case 'iterate':
      return iterate(input);
    case 'recurse':
      return recurse(input);
    case 'pipe':
    case 'comma':
    case 'try':
      return combine(ast, input, evalPaths);
    case 'call':
      if (ast.name === 'select' && ast.args.length === 1) return evalValues(ast.args[0], input.value).some(truthy) ? [input] : [];
      if (ast.name === 'empty') return [];
      break;
  }
  throw new JqRuntimeError('Invalid path expression');
}

/** A jq form made of sub-expressions only: it runs the same way in path mode and in value mode. */
type Combinator = Extract<JqAst, { t: 'pipe' | 'comma' | 'try' }>;

/** Runs a pipe (`a | b`), comma (`a, b`) or try (`a?`) with the evaluator of the mode it is in. */
function combine<T>(ast: Combinator, input: T, run: (ast: JqAst, input: T) => T[]): T[] {
  switch (ast.t) {
    case 'pipe':
      return run(ast.left, input).flatMap((l) => run(ast.right, l));
    case 'comma':
      return [...run(ast.left, input), ...run(ast.right, input)];
    case 'try':
      return attempt(() => run(ast.body, input));
  }
}

function attempt<T>(run: () => T[]): T[] {
  try {
    return run();
  } catch (err) {
    if (err instanceof JqRuntimeError) return [];
    throw err;
  }
}

/** Runs a jq expression for its values (used inside `select(...)`). */
export function evalValues(ast: JqAst, input: unknown): unknown[] {
  switch (ast.t) {
    case 'literal':
      return [ast.value];
    case 'slice': {
      if (!Array.isArray(input) && typeof input !== 'string') throw new JqRuntimeError(`Cannot slice ${typeName(input)}`);
      return [input.slice(ast.from ?? 0, ast.to)];
    }
    case 'pipe':
    case 'comma':
    case 'try':
      return combine(ast, input, evalValues);
    case 'binop':
      return binop(ast.op, ast.left, ast.right, input);
    case 'call':
      return call(ast.name, ast.args, input);
    default:
      return evalPaths(ast, { value: input, path: [] }).map((l) => l.value);
  }
}

function binop(op: string, left: JqAst, right: JqAst, input: unknown): unknown[] {
  if (op === 'and' || op === 'or') {
    return evalValues(left, input).flatMap((l) => {
      if (op === 'and' && !truthy(l)) return [false];
      if (op === 'or' && truthy(l)) return [true];
      return evalValues(right, input).map(truthy);
    });
  }
  if (op === '//') {
    const found = attempt(() => evalValues(left, input)).filter(truthy);
    return found.length > 0 ? found : evalValues(right, input);
  }
  const rights = evalValues(right, input);
  return evalValues(left, input).flatMap((l) => rights.map((r) => compare(op, l, r)));
}

function compare(op: string, l: unknown, r: unknown): boolean {
  if (op === '==') return deepEqual(l, r);
  if (op === '!=') return !deepEqual(l, r);
  if (typeof l !== typeof r || (typeof l !== 'number' && typeof l !== 'string')) {
    throw new JqRuntimeError(`cannot order ${typeName(l)} and ${typeName(r)} in this jq subset`);
  }
  const a = l as number | string;
  const b = r as number | string;
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

function contains(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.includes(b);
  if (Array.isArray(a) && Array.isArray(b)) return b.every((x) => a.some((y) => contains(y, x)));
  if (isObject(a) && isObject(b)) return Object.entries(b).every(([k, v]) => k in a && contains(a[k], v));
  return deepEqual(a, b);
}

function stringInput(name: string, input: unknown): string {
  if (typeof input !== 'string') throw new JqRuntimeError(`${name} requires string input, got ${typeName(input)}`);
  return input;
}

function call(name: string, args: JqAst[], input: unknown): unknown[] {
  const arg = (i: number) => evalValues(args[i], input);
  switch (`${name}/${args.length}`) {
    case 'select/1':
      return arg(0).some(truthy) ? [input] : [];
    case 'empty/0':
      return [];
    case 'not/0':
      return [!truthy(input)];
    case 'length/0':
      return [
        typeof input === 'string' || Array.isArray(input)
          ? input.length
          : isObject(input)
            ? Object.keys(input).length
            : input === null
              ? 0
              : Math.abs(Number(input)),
      ];
    case 'test/1':
    case 'test/2':
      return arg(0).map((re) => new RegExp(String(re), args[1] ? String(arg(1)[0]).replace(/[^imsu]/g, '') : '').test(stringInput(name, input)));
    case 'startswith/1':
      return arg(0).map((s) => stringInput(name, input).startsWith(String(s)));
    case 'endswith/1':
      return arg(0).map((s) => stringInput(name, input).endsWith(String(s)));
    case 'contains/1':
      return arg(0).map((b) => contains(input, b));
    case 'has/1':
      return arg(0).map((k) => (Array.isArray(input) ? typeof k === 'number' && k >= 0 && k < input.length : isObject(input) && String(k) in input));
    case 'ascii_downcase/0':
      return [stringInput(name, input).toLowerCase()];
    case 'ascii_upcase/0':
      return [stringInput(name, input).toUpperCase()];
    case 'tostring/0':
      return [typeof input === 'string' ? input : JSON.stringify(input)];
    case 'type/0':
      return [typeName(input)];
  }
  throw new JqRuntimeError(`${name}/${args.length} is not defined in Fjord's jq subset`);
}
