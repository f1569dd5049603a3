import fc from 'fast-check';

/** How a scalar is written. */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

/** A scalar: its text and how it is written (tag and anchor optional). */
export interface ScalarNode {
  kind: 'scalar';
  text: string;
  style: ScalarStyle;
  /** Block scalars: `-` strip, `+` keep, `` clip; and whether to give the indentation indicator. */
  chomp: '' | '-' | '+';
  indicator: boolean;
  /** Multi-line quoted scalars: continuation lines at this many spaces less than the block (the minio case). */
  unindent: number;
  tag?: string;
  anchor?: string;
  comment?: string;
}

/** A sequence or mapping, block or flow; a flow one may be spread over lines, some of them under-indented. */
export interface CollectionNode {
  kind: 'seq' | 'map';
  items: Node[];
  /** Mappings: one key per item. */
  keys: ScalarNode[];
  flow: boolean;
  /** Flow collections: break lines after items; continuation lines shifted by `unindent` (may be below the key). */
  multiline: boolean;
  unindent: number;
  /** Block sequences in a mapping: at the key's indentation (`key:\n- a`, as Kubernetes writes them). */
  indentless: boolean;
  /** Mappings: a merge key first (`<<: *a` or `<<: [*a, *b]`). */
  merge?: string[];
  anchor?: string;
  tag?: string;
  comment?: string;
}

/** A reference to an anchor (replaced by a scalar at render time when no such anchor is defined yet). */
export interface AliasNode {
  kind: 'alias';
  name: string;
}

export type Node = ScalarNode | CollectionNode | AliasNode;

/** Scalars that each YAML version and library reads its own way. */
export const ODD_SCALARS = [
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'Y',
  'N',
  'true',
  'False',
  'TRUE',
  'tRUE',
  'Yes',
  'NO',
  'On',
  'OFF',
  '~',
  'null',
  'Null',
  'NULL',
  'nULL',
  '',
  '0x1F',
  '0X1f',
  '0o17',
  '0O17',
  '017',
  '08',
  '0',
  '-0',
  '+1',
  '00',
  '1e3',
  '1E3',
  '1e+3',
  '1.5e-3',
  '1.',
  '.5',
  '+.5',
  '-.5',
  '.',
  '1_000',
  '1__0',
  '0x_1F',
  '_1',
  '.1_0',
  '1e400',
  '.inf',
  '-.Inf',
  '+.INF',
  '.nan',
  '.NaN',
  'inf',
  'nan',
  '0b101',
  '-0b11',
  '0b-1',
  '0b2',
  '9223372036854775807',
  '9223372036854775808',
  '18446744073709551615',
  '18446744073709551616',
  '-9223372036854775809',
  '1:20',
  '12:30:45',
  '2001-12-14',
  '2001-12-14T21:59:43.10-05:00',
  '2001-12-14 21:59:43.10',
  '2001-02-30',
  '<<',
  '=',
  '!',
  '&a',
  '*a',
  '0.1',
  '3.14159',
  '100',
  '-42',
  '1e-400',
  '0x',
  '0o',
  '1e',
  'e3',
  '+',
  '-',
  '1.0',
  '6.02e23',
  '123456789.0',
] as const;

const WORDS = ['a', 'b', 'app', 'name', 'value', 'image', 'port', 'x', 'kind', 'data', 'spec', 'k8s', 'é', '✓'];
const SPECIAL = [': ', ' #', '#', '- ', '[', ']', '{', '}', ', ', "'", '"', '\\', '\t', '|', '>', '&', '*', '!', '%', '@', '`', '?', ' '];

/** Random text for a scalar: words, odd scalars, special characters, several lines. */
export const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_SCALARS) },
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...WORDS) }, fc.constantFrom(...SPECIAL), fc.constantFrom('\n', '  ', '\n\n', ' \n')), {
        minLength: 1,
        maxLength: 8,
      })
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** Sometimes (in `percent` of the cases) a value, else undefined. */
const sometimes = <T>(arb: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 100 - percent, arbitrary: fc.constant(undefined) }, { weight: percent, arbitrary: arb });

const KEY_WORDS = [
  ...WORDS,
  ...WORDS,
  ...WORDS,
  'yes',
  'on',
  'no',
  'true',
  '1',
  '2',
  '1.5',
  '1e3',
  '0x10',
  '~',
  'null',
  '123456789.0',
  '-0.0',
  '.inf',
  'a b',
  '<<',
];

/** Keys: mostly words (some odd scalars, a few very long ones). */
const key: fc.Arbitrary<ScalarNode> = fc.record({
  kind: fc.constant('scalar' as const),
  text: fc.oneof(
    { weight: 300, arbitrary: fc.constantFrom(...KEY_WORDS) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 1100 }).map((n) => 'k'.repeat(n)) },
    { weight: 10, arbitrary: text.filter((t) => !t.includes('\n')) },
  ),
  style: fc.constantFrom<ScalarStyle>('plain', 'plain', 'plain', 'plain', 'single', 'double'),
  chomp: fc.constant('' as const),
  indicator: fc.constant(false),
  unindent: fc.constant(0),
  tag: sometimes(fc.constantFrom('!!str', '!!str', '!!int', '!custom'), 4),
  anchor: fc.constant(undefined),
  comment: fc.constant(undefined),
});

const TAGS = ['!!str', '!!int', '!!float', '!!bool', '!!null', '!!binary', '!!timestamp', '!custom', '!', '!!map', '!!seq'];
const ANCHORS = ['a', 'b', 'c'];
const comment = sometimes(fc.constantFrom('# note', '#x', '# - a: [b]', '#'), 15);
const anchor = sometimes(fc.constantFrom(...ANCHORS), 8);

const scalar: fc.Arbitrary<ScalarNode> = fc.record({
  kind: fc.constant('scalar' as const),
  text,
  style: fc.constantFrom<ScalarStyle>('plain', 'plain', 'plain', 'single', 'double', 'double', 'literal', 'folded'),
  chomp: fc.constantFrom<'' | '-' | '+'>('', '-', '+'),
  indicator: fc.boolean(),
  unindent: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 6 })),
  tag: sometimes(fc.constantFrom(...TAGS), 8),
  anchor,
  comment,
});

const alias: fc.Arbitrary<AliasNode> = fc.record({ kind: fc.constant('alias' as const), name: fc.constantFrom(...ANCHORS) });

const trees = fc.letrec<{ node: Node; collection: CollectionNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: scalar },
    { weight: 1, arbitrary: alias },
    { weight: 3, arbitrary: tie('collection') },
  ),
  collection: fc.record({
    kind: fc.constantFrom<'seq' | 'map'>('map', 'map', 'seq'),
    items: fc.array(tie('node'), { maxLength: 4 }),
    keys: fc.array(key, { minLength: 4, maxLength: 4 }),
    flow: fc.boolean(),
    multiline: fc.boolean(),
    unindent: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 8 })),
    indentless: fc.boolean(),
    merge: sometimes(fc.array(fc.constantFrom(...ANCHORS, '{x: 1}'), { minLength: 1, maxLength: 3 }), 10),
    anchor,
    tag: sometimes(fc.constantFrom('!!map', '!!seq', '!!str', '!custom', '!!null'), 4),
    comment,
  }),
}));

/** Random YAML trees, a few levels deep. */
export const tree: fc.Arbitrary<Node> = trees.node;

/** The top of a document: mostly a mapping, as manifests and values are. */
export const documentTree: fc.Arbitrary<Node> = fc.oneof({ weight: 6, arbitrary: trees.collection }, { weight: 1, arbitrary: trees.node });
