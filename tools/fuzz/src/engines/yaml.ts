/**
 * Fjord's YAML layer (@fjord/k8s-yaml's readYamlDocument and readYamlStream) against Go's, as kubectl, Argo CD and
 * Helm read YAML: sigs.k8s.io/yaml's YAMLToJSON over go-yaml v2, with k8s.io/apimachinery's YAMLReader splitting
 * streams. Each case is a random document or stream (see yaml/case.ts); the two must give the same JSON values, or
 * both refuse the text.
 */
import fc from 'fast-check';
import { readYamlDocument, readYamlStream } from '@fjord/k8s-yaml';
import type { FuzzEngine, FuzzOptions, FuzzReport } from '../fuzz-engine';
import { fuzzInBatches } from '../batch-run';
import { yamlCase, type YamlCase } from './yaml/case';
import { YamlOracle, type GoAnswer } from './yaml/oracle';

const BATCH = 500;

type Outcome = { docs: unknown[] } | { error: string };

/** Fjord's reading of a case, as JSON values (bigints never appear: ints are read as numbers). */
function fjordRead(c: YamlCase): Outcome {
  try {
    const docs = c.mode === 'doc' ? [readYamlDocument(c.text, { file: 'fuzz.yaml' })] : readYamlStream(c.text, { file: 'fuzz.yaml' });
    return { docs };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** JSON with object keys sorted (Go prints map keys sorted; Fjord keeps the document's order). */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );
}

/** Undefined when both agree; else a line for each side. */
function differ(go: GoAnswer, fjord: Outcome): string | undefined {
  if ('error' in go && 'error' in fjord) return undefined;
  if ('docs' in go && 'docs' in fjord && canonical(go.docs) === canonical(fjord.docs)) return undefined;
  const show = (o: Outcome) => ('error' in o ? `error: ${o.error}` : canonical(o.docs));
  return `go:    ${show(go)}\nfjord: ${show(fjord)}`;
}

/**
 * Differences known and documented in libs/k8s-yaml/README.md ("Known differences"): inputs no one writes on
 * purpose, where go-yaml v2 accepts what the YAML spec and the `yaml` package refuse. Counted, not reported.
 */
const KNOWN: { name: string; test: (text: string, go: GoAnswer, fjord: Outcome) => boolean }[] = [
  {
    name: 'known: accepted or refused after a root flow collection or scalar ends (go-yaml stops there)',
    test: (t, go, fjord) =>
      'error' in go !== 'error' in fjord && t.split(/^---[^\n]*\n/m).some((doc) => /^(\s*#[^\n]*\n|\s*\n)*\s*([&!]\S*\s+)*["'[{|>,\]}%:]/.test(doc)),
  },
  { name: 'known: "-:" as a plain scalar in a flow collection', test: (t) => /-:[\s,\]}]/.test(t) },
  { name: 'known: properties on an empty flow entry before a line break', test: (t) => /[[{,]\s*([&!]\S*\s*)+\n\s*[,\]}]/.test(t) },
  { name: "known: a block scalar header at its key's (or dash's) indentation", test: (t) => /^( *)([^\s#][^\n]*:|-)[ \t]*(#[^\n]*)?\r?\n\1[|>]/m.test(t) },
  { name: 'known: an anchor or alias name followed by a character go-yaml ends it at', test: (t) => /[&*][0-9A-Za-z_-]+[^0-9A-Za-z_\-\s,[\]{}]/.test(t) },
  { name: 'known: a tab starting a line in a flow collection', test: (t, go) => 'error' in go && /\n\t/.test(t) },
  { name: 'known: a tag with ",", ":", "[" or "]"', test: (t) => /(^|[\s[{,])![^\s]*[,:[\]]/m.test(t) },
];

/** Go's answer is random when two keys of a mapping become the same JSON key (`1` and `"1"`): ask again. */
async function goIsRandom(oracle: YamlOracle, c: YamlCase, first: GoAnswer): Promise<boolean> {
  const again = await oracle.read(Array.from({ length: 8 }, () => c));
  return again.some((a) => canonical(a) !== canonical(first));
}

/** The kinds of YAML a case holds, counted for the report. */
function classes(c: YamlCase, go: GoAnswer): string[] {
  const t = c.text;
  const out = [`mode ${c.mode}`, 'error' in go ? 'refused by Go' : 'read by Go'];
  const has = (name: string, re: RegExp) => re.test(t) && out.push(name);
  has('flow collection', /[[{]/);
  has('flow collection over lines', /[[{][^\]}]*\n/);
  has('anchor and alias', /&[abc]\b[\s\S]*\*[abc]\b/);
  has('merge key', /<<: /);
  has('literal block scalar', /: (?:!\S+ )?(?:&\w )?\|/);
  has('folded block scalar', /: (?:!\S+ )?(?:&\w )?>/);
  has('keep/strip chomping', /[|>]\d?[+-]/);
  has('double-quoted', /"/);
  has('single-quoted', /'/);
  has('tag', /(^|\s)!/m);
  has('comment', /(^|\s)#/m);
  has('multi-document', /\n---/);
  has('very long key', /k{1000}/);
  has('odd scalar', /: (yes|no|on|off|y|n|0x1F|0o17|017|1e3|\.inf|~|null|2001-12-14)\b/i);
  has('CRLF', /\r\n/);
  has('tab', /\t/);
  return out;
}

/** 'same', a known difference's name, or 'different'. */
async function verdict(oracle: YamlOracle, c: YamlCase, go: GoAnswer): Promise<string> {
  const fjord = fjordRead(c);
  if (differ(go, fjord) === undefined) return 'same';
  const known = KNOWN.find((k) => k.test(c.text, go, fjord))?.name;
  if (known) return known;
  return (await goIsRandom(oracle, c, go)) ? 'known: Go is random (keys colliding in JSON)' : 'different';
}

async function shrink(oracle: YamlOracle, seed: number, index: number): Promise<{ input: string; detail: string; path?: string }> {
  const result = await fc.check(
    fc.asyncProperty(yamlCase, async (c) => {
      const [go] = await oracle.read([c]);
      return (await verdict(oracle, c, go)) !== 'different';
    }),
    { seed, path: String(index), numRuns: 1 },
  );
  const c = (result.counterexample?.[0] ?? fc.sample(yamlCase, { seed, numRuns: index + 1 })[index]) as YamlCase;
  const [go] = await oracle.read([c]);
  return {
    input: `mode ${c.mode}:\n${c.text}`,
    detail: differ(go, fjordRead(c)) ?? 'the difference went away on replay',
    path: result.counterexamplePath ?? String(index),
  };
}

const run = (options: FuzzOptions): Promise<FuzzReport> =>
  fuzzInBatches(
    {
      engine: 'yaml',
      arbitrary: yamlCase,
      batchSize: BATCH,
      startOracle: () => new YamlOracle(),
      runBatch: (oracle, batch) => oracle.read(batch),
      judge: async (oracle, c, go) => ({ classes: classes(c, go), verdict: await verdict(oracle, c, go) }),
      shrink,
    },
    options,
  );

export const engine: FuzzEngine = {
  name: 'yaml',
  description: "Fjord's YAML layer vs Go's (sigs.k8s.io/yaml YAMLToJSON, apimachinery's YAMLReader)",
  ciCases: 3000,
  run,
};
