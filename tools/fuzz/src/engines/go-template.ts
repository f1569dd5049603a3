/**
 * Fjord's Go templates (@fjord/go-template's TemplateSet with @fjord/sprig's functions) against Go's text/template
 * with Sprig v3.3.0 as Helm 4.2.4 builds them (`oracles/go-template`). Each case is a random template (actions,
 * pipelines, control structures, definitions, variables, trim markers, comments, odd literals, printf verbs, Sprig
 * calls; see go-template/tree.ts) over random data. The two must print the same text, or fail with the same error
 * text: Go's errors are deterministic, and Fjord promises Go's messages. (Go also returns the output written before
 * an error; Fjord's execute throws without it, a documented gap, so output is compared only when neither fails.)
 */
import fc from 'fast-check';
import { TemplateSet, type MissingKey } from '@fjord/go-template';
import { sprigFunctions } from '@fjord/sprig';
import type { FuzzDifference, FuzzEngine, FuzzOptions, FuzzReport } from '../fuzz-engine';
import { templateData, toFjord, type Data } from './go-template/data';
import { functionNames } from './go-template/functions';
import { GoTemplateOracle, type GoResult } from './go-template/oracle';
import { printTemplate } from './go-template/print';
import { templateTree } from './go-template/tree';

const BATCH = 250;
/** Differences shrunk and reported per run; more are counted, not shrunk. */
const MAX_REPORTED = 10;

/** One case: template text, data, missingkey option. */
export interface TemplateCase {
  template: string;
  data: Data;
  missingkey: 'default' | 'zero' | 'error';
}

/** Random cases. */
export const templateCase: fc.Arbitrary<TemplateCase> = fc.record({
  template: templateTree.map(printTemplate),
  data: templateData,
  missingkey: fc.constantFrom('default' as const, 'default' as const, 'default' as const, 'zero' as const, 'error' as const),
});

const funcs = sprigFunctions();

/** Fjord's run of a case, as Go reports it: output, or the error text. */
function fjordRun(c: TemplateCase): GoResult {
  try {
    const set = new TemplateSet({ funcs, missingKey: c.missingkey as MissingKey });
    set.parse('t', c.template);
    return { output: set.execute('t', toFjord(JSON.parse(JSON.stringify(c.data)))) };
  } catch (e) {
    return { output: '', error: e instanceof RangeError ? `RangeError: ${e.message}` : (e as Error).message };
  }
}

/** Undefined when both agree; else a line for each side. */
function differ(go: GoResult, fjord: GoResult): string | undefined {
  if (go.error !== undefined || fjord.error !== undefined) {
    if (go.error === fjord.error) return undefined;
  } else if (go.output === fjord.output) return undefined;
  const show = (r: GoResult) => (r.error !== undefined ? `error: ${r.error}` : JSON.stringify(r.output));
  return `go:    ${show(go)}\nfjord: ${show(fjord)}`;
}

const CLASSES: [string, RegExp][] = [
  ['if/else', /\{\{-? ?if /],
  ['else if/with chain', /\{\{else (if|with) /],
  ['with', /\{\{-? ?with /],
  ['range', /\{\{-? ?range /],
  ['range with variables', /range \$v\d+(, \$v\d+)? :=/],
  ['break/continue', /\{\{(break|continue)\}\}/],
  ['define + template', /\{\{define [\s\S]*\{\{template "[abc]"/],
  ['block', /\{\{block /],
  ['variable declared', /\$v\d+ :=/],
  ['variable assigned', /\$v\d+ = /],
  ['pipeline |', / \| /],
  ['parenthesised pipeline', /\(/],
  ['trim marker', /\{\{- | -\}\}/],
  ['comment', /\{\{-? ?\/\*/],
  ['printf', /printf "/],
  ['raw string', /`/],
  ['rune literal', /'.+?'/],
  ['odd number literal', /\b(0[xXoObB]|\d_\d|\d[eE][-+]?\d|\d+i\b)/],
];

function classes(c: TemplateCase, go: GoResult, called: Set<string>): string[] {
  const out = CLASSES.filter(([, re]) => re.test(c.template)).map(([name]) => name);
  out.push(go.error === undefined ? 'result: output' : /^template: t:\d+: /.test(go.error) ? 'result: parse error' : 'result: exec error');
  out.push(`missingkey=${c.missingkey}`);
  for (const name of functionNames()) if (new RegExp(`[({|] ?${name} |[({|] ?${name}[)}]`).test(c.template)) called.add(name);
  return out;
}

/** Replays case `index` of the batch drawn with `seed` and shrinks it while it still differs. */
async function shrink(oracle: GoTemplateOracle, seed: number, index: number): Promise<FuzzDifference> {
  const result = await fc.check(
    fc.asyncProperty(templateCase, async (c) => {
      const [go] = await oracle.run([c]);
      return differ(go, fjordRun(c)) === undefined;
    }),
    { seed, path: String(index), numRuns: 1 },
  );
  const c = (result.counterexample?.[0] ?? fc.sample(templateCase, { seed, numRuns: index + 1 })[index]) as TemplateCase;
  const [go] = await oracle.run([c]);
  return {
    seed,
    path: result.counterexamplePath ?? String(index),
    input: `missingkey=${c.missingkey}\ntemplate: ${JSON.stringify(c.template)}\ndata: ${JSON.stringify(c.data)}`,
    detail: differ(go, fjordRun(c)) ?? 'the difference went away on replay',
  };
}

async function run({ cases, seed, progress }: FuzzOptions): Promise<FuzzReport> {
  const previousTz = process.env.TZ;
  process.env.TZ = 'UTC';
  const oracle = new GoTemplateOracle();
  const coverage: Record<string, number> = {};
  const called = new Set<string>();
  const differences: FuzzDifference[] = [];
  let found = 0;
  try {
    // Each batch is drawn with its own seed (the run's seed + the batch number), so a long run never holds more
    // than a batch, and a difference replays from its batch seed and index.
    for (let start = 0; start < cases; start += BATCH) {
      const batchSeed = seed + start / BATCH;
      const batch = fc.sample(templateCase, { seed: batchSeed, numRuns: Math.min(BATCH, cases - start) });
      const results = await oracle.run(batch);
      for (const [i, c] of batch.entries()) {
        for (const k of classes(c, results[i], called)) coverage[k] = (coverage[k] ?? 0) + 1;
        if (differ(results[i], fjordRun(c)) === undefined) continue;
        found++;
        if (differences.length < MAX_REPORTED) differences.push(await shrink(oracle, batchSeed, i));
      }
      progress?.(Math.min(start + BATCH, cases));
    }
  } finally {
    oracle.close();
    if (previousTz === undefined) delete process.env.TZ;
    else process.env.TZ = previousTz;
  }
  coverage[`functions called (of ${functionNames().length})`] = called.size;
  if (found > differences.length) coverage['differences not shrunk'] = found - differences.length;
  return { engine: 'go-template', cases, seed, differences, coverage };
}

/** The go-template engine (see the file comment). */
export const engine: FuzzEngine = {
  name: 'go-template',
  description: "fjord's TemplateSet + Sprig vs Go text/template + Sprig v3.3.0 (as helm v4.2.4 builds them)",
  ciCases: 3000,
  run,
};
