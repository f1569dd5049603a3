/**
 * Random Go templates as trees, drawn by fast-check (so they shrink), and printed as template text by
 * {@link printTemplate}. Variables and template names are drawn as indexes and resolved while printing against what
 * is in scope, so most templates parse and shrinking keeps them valid.
 */
import fc from 'fast-check';
import { FUNCTIONS, type ArgKind } from './functions';
import {
  BAD_NUMBERS,
  BAD_RUNES,
  COUNTS,
  EPOCHS,
  formatLiteral,
  layoutLiteral,
  NUMBERS,
  rawLiteral,
  regexLiteral,
  RUNES,
  stringLiteral,
  versionLiteral,
} from './literals';

/** An operand of a command. */
export type Operand =
  { k: 'lit'; text: string } | { k: 'field'; root: 'dot' | 'root' | 'var'; v: number; path: string[] } | { k: 'var'; v: number } | { k: 'paren'; pipe: Pipe };

/** A command: a function call or an operand. */
export type Command = Operand | { k: 'call'; fn: number; args: Operand[] };

/** A pipeline, maybe declaring (`:=`) or assigning (`=`) a variable. */
export interface Pipe {
  decl?: ':=' | '=';
  v: number;
  cmds: Command[];
}

/** Trim markers of an action. */
export interface Trim {
  left: boolean;
  right: boolean;
}

export type Node =
  | { k: 'text'; text: string }
  | { k: 'action'; pipe: Pipe; trim: Trim }
  | { k: 'comment'; text: string; trim: Trim }
  | { k: 'if' | 'with'; pipe: Pipe; body: Node[]; elses: { pipe: Pipe; body: Node[] }[]; otherwise?: Node[]; trim: Trim }
  | { k: 'range'; target: Operand; vars: 0 | 1 | 2; body: Node[]; otherwise?: Node[]; trim: Trim }
  | { k: 'break' | 'continue' }
  | { k: 'template'; name: number; pipe?: Pipe }
  | { k: 'block'; pipe: Pipe; body: Node[] };

/** A template text: named definitions, then the main body. */
export interface TemplateTree {
  defines: { name: string; body: Node[] }[];
  body: Node[];
}

const KEYS = ['s', 'u', 'i', 'f', 'b', 'n', 'l', 'm', 'e', 'z', 'a', 'nope'];

const trim: fc.Arbitrary<Trim> = fc.record({ left: fc.boolean(), right: fc.boolean() });

const literal: fc.Arbitrary<Operand> = fc
  .oneof(
    { weight: 36, arbitrary: fc.constantFrom(...NUMBERS) },
    { weight: 36, arbitrary: stringLiteral },
    { weight: 9, arbitrary: rawLiteral },
    { weight: 9, arbitrary: fc.constantFrom(...RUNES) },
    { weight: 18, arbitrary: fc.constantFrom('true', 'false', 'nil') },
    { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...BAD_NUMBERS), fc.constantFrom(...BAD_RUNES)) },
  )
  .map((text) => ({ k: 'lit', text }) as Operand);

const field: fc.Arbitrary<Operand> = fc.record({
  k: fc.constant('field' as const),
  root: fc.constantFrom('dot' as const, 'dot' as const, 'root' as const, 'var' as const),
  v: fc.nat(7),
  path: fc.array(fc.constantFrom(...KEYS, 'x', 'b'), { minLength: 1, maxLength: 3 }),
});

const variable: fc.Arbitrary<Operand> = fc.record({ k: fc.constant('var' as const), v: fc.nat(7) });

const lit = (a: fc.Arbitrary<string>): fc.Arbitrary<Operand> => a.map((text) => ({ k: 'lit', text }) as Operand);

/**
 * Functions called only at the head of a pipeline, where their arguments are drawn for their kinds: a pipeline
 * passes any value as the last argument, which would grow these without bound (a count), make them read the clock
 * (Sprig formats a non-integer date as the time now), or store the data inside itself (set, merge: Go then
 * recurses until its stack overflows, which kills the oracle).
 */
const HEAD_ONLY = new Set(['until', 'untilStep', 'seq', 'date', 'dateInZone', 'htmlDate', 'set', 'merge', 'mergeOverwrite']);
const ALL = FUNCTIONS.map((_, i) => i);
const DICT = FUNCTIONS.findIndex((f) => f.name === 'dict');
const PIPED = ALL.filter((i) => !HEAD_ONLY.has(FUNCTIONS[i].name));

/** A call of one of the functions (by index) with arguments drawn for its kinds. */
function callOf(fns: number[], operand: fc.Arbitrary<Operand>): fc.Arbitrary<Command> {
  return fc.constantFrom(...fns).chain((fn) => argsFor(FUNCTIONS[fn].args, operand).map((args) => ({ k: 'call' as const, fn, args })));
}

/** Builds the arbitraries for a nesting depth budget (depth 0: no more nesting). */
function arbitraries(depth: number): { operand: fc.Arbitrary<Operand>; pipe: fc.Arbitrary<Pipe> } {
  const simple = fc.oneof(
    { weight: 3, arbitrary: literal },
    { weight: 4, arbitrary: field },
    { weight: 2, arbitrary: variable },
    { weight: 1, arbitrary: fc.constant<Operand>({ k: 'field', root: 'dot', v: 0, path: [] }) },
  );
  if (depth <= 0) {
    const first = callOf(ALL, simple);
    const piped = callOf(PIPED, simple);
    return {
      operand: simple,
      pipe: fc.record({ v: fc.nat(7), cmds: fc.tuple(fc.oneof(simple, first), fc.array(piped, { maxLength: 1 })).map(([a, b]) => [a, ...b]) }),
    };
  }
  const inner = arbitraries(depth - 1);
  const operand: fc.Arbitrary<Operand> = fc.oneof(
    { weight: 5, arbitrary: simple },
    { weight: 2, arbitrary: inner.pipe.map((pipe) => ({ k: 'paren', pipe }) as Operand) },
  );
  const call = callOf(ALL, operand);
  const piped = callOf(PIPED, operand);
  const command: fc.Arbitrary<Command> = fc.oneof({ weight: 3, arbitrary: call }, { weight: 1, arbitrary: operand });
  const pipe = fc.record({
    decl: fc.option(fc.constantFrom(':=' as const, '=' as const), { freq: 4, nil: undefined }),
    v: fc.nat(7),
    // After the first stage a command is a call (an operand there is Go's "non executable command" error).
    cmds: fc
      .tuple(command, fc.array(fc.oneof({ weight: 15, arbitrary: piped }, { weight: 1, arbitrary: operand }), { maxLength: 2 }))
      .map(([first, rest]) => [first, ...rest]),
  });
  return { operand, pipe };
}

/** Arguments for a function's kinds: the typical ones, sometimes one more or fewer. */
function argsFor(kinds: ArgKind[], operand: fc.Arbitrary<Operand>): fc.Arbitrary<Operand[]> {
  // One argument too many is drawn like the last one when that is a count or a literal (seq 1 1 <huge> would hang).
  const last = kinds[kinds.length - 1];
  const one = (k: ArgKind): fc.Arbitrary<Operand[]> => {
    switch (k) {
      case 'c':
        return fc
          .oneof({ weight: 5, arbitrary: lit(fc.constantFrom(...COUNTS)) }, { weight: 1, arbitrary: lit(fc.constantFrom('$.i', '$.z')) })
          .map((o) => [o]);
      case 'f':
        return fc.oneof({ weight: 5, arbitrary: lit(formatLiteral) }, { weight: 1, arbitrary: operand }).map((o) => [o]);
      case 'r':
        return lit(regexLiteral).map((o) => [o]);
      case 'v':
        return lit(versionLiteral).map((o) => [o]);
      case 't':
        return lit(layoutLiteral).map((o) => [o]);
      case 'e':
        return lit(fc.constantFrom(...EPOCHS)).map((o) => [o]);
      case 'x':
        return literal.map((o) => [o]);
      case 'd':
        return fc
          .tuple(fc.constantFrom('"a"', '"b"', '"s"', '"m"'), literal)
          .map(([k, v]) => [{ k: 'paren', pipe: { v: 0, cmds: [{ k: 'call', fn: DICT, args: [{ k: 'lit', text: k }, v] }] } } as Operand]);
      case 'k':
        // Keys never name the data's counts (i, z), so counts stay small.
        return lit(fc.constantFrom('"a"', '"b"', '"s"', '"m"', '"l"', '""', '"nope"', '1', 'nil')).map((o) => [o]);
      case '*':
        return fc.array(operand, { maxLength: 3 });
      default:
        return operand.map((o) => [o]);
    }
  };
  return fc
    .tuple(
      fc.tuple(...kinds.map(one)),
      fc.constantFrom('same', 'same', 'same', 'same', 'same', 'same', 'more', 'fewer'),
      'cexd'.includes(last) ? one(last).map((o) => o[0]) : operand,
    )
    .map(([parts, change, extra]) => {
      const args = parts.flat();
      if (change === 'more') return [...args, extra];
      if (change === 'fewer') return args.slice(0, -1);
      return args;
    });
}

/** Calls a range may iterate over: their size is bounded by their (small) arguments. */
const RANGE_CALLS = ['list', 'until', 'seq', 'dict', 'splitList', 'tuple', 'compact'];

const TEXTS = ['x', ' ', '\n', '  \n  ', 'a b', 'é', '-', '}', '\t', 'end'];
const COMMENTS = ['/* c */', '/**/', '/* multi\nline */', '/* {{ */'];

/** Builds the node arbitrary for a nesting depth budget. */
function nodes(depth: number): fc.Arbitrary<Node[]> {
  const { operand, pipe } = arbitraries(Math.min(depth, 2));
  const text = fc.constantFrom(...TEXTS).map((t) => ({ k: 'text', text: t }) as Node);
  const action = fc.record({ k: fc.constant('action' as const), pipe, trim });
  const comment = fc.record({ k: fc.constant('comment' as const), text: fc.constantFrom(...COMMENTS), trim });
  const leaf = fc.oneof(
    { weight: 2, arbitrary: text },
    { weight: 6, arbitrary: action },
    { weight: 1, arbitrary: comment },
    { weight: 1, arbitrary: fc.constantFrom<Node>({ k: 'break' }, { k: 'continue' }) },
    {
      weight: 1,
      arbitrary: fc.record({ k: fc.constant('template' as const), name: fc.nat(4), pipe: fc.option(pipe, { nil: undefined }) }),
    },
  );
  if (depth <= 0) return fc.array(leaf, { maxLength: 2 });
  const body = nodes(depth - 1);
  // Range targets stay small: data fields from the root, small literals, and calls that build short collections.
  const target: fc.Arbitrary<Operand> = fc.oneof(
    field.map((f) => ({ ...f, root: 'root' as const })),
    lit(fc.constantFrom(...COUNTS, '"abc"', 'nil', '3.5')),
    fc.constantFrom(...RANGE_CALLS).chain((name) => {
      const fn = FUNCTIONS.findIndex((f) => f.name === name);
      return argsFor(FUNCTIONS[fn].args, operand).map((args) => ({ k: 'paren', pipe: { v: 0, cmds: [{ k: 'call', fn, args }] } }) as Operand);
    }),
  );
  const branch = fc.record({
    k: fc.constantFrom('if' as const, 'with' as const),
    pipe,
    body,
    elses: fc.array(fc.record({ pipe, body }), { maxLength: 2 }),
    otherwise: fc.option(body, { nil: undefined }),
    trim,
  });
  const range = fc.record({
    k: fc.constant('range' as const),
    target,
    vars: fc.constantFrom(0 as const, 1 as const, 2 as const),
    body,
    otherwise: fc.option(body, { nil: undefined }),
    trim,
  });
  const block = fc.record({ k: fc.constant('block' as const), pipe, body });
  const node = fc.oneof({ weight: 8, arbitrary: leaf }, { weight: 2, arbitrary: branch }, { weight: 2, arbitrary: range }, { weight: 1, arbitrary: block });
  return fc.array(node, { maxLength: 3 });
}

/** A random template: up to three definitions and a body, nested up to two levels. */
export const templateTree: fc.Arbitrary<TemplateTree> = fc.record({
  defines: fc.uniqueArray(fc.record({ name: fc.constantFrom('a', 'b', 'c'), body: nodes(1) }), { maxLength: 3, selector: (d) => d.name }),
  body: nodes(2),
});
