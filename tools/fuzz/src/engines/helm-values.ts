/**
 * helm-values: random chart values, value files and `--set`/`--set-string`/`--set-file` expressions through Fjord's
 * value flags, dependency processing and coalescing (@fjord/helm) and through helm v4.2.4's own Go code
 * (values.Options.MergeValues, chartutil.ProcessDependencies, util.CoalesceValues) in the oracle
 * `oracles/helm-values`. Values are compared with Go's types kept apart (int64 vs float64); errors by text.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { FuzzDifference, FuzzEngine, FuzzOptions, FuzzReport } from '../fuzz-engine';
import { JsonLinesOracle } from '../json-lines-oracle';
import { valuesCase } from './helm-values/arbitraries';
import { coverageOf } from './helm-values/coverage';
import { fjordValues, type ValuesOutcome } from './helm-values/fjord-values';
import type { ValuesCase } from './helm-values/values-case';
import { valuesFileYaml } from './helm-values/values-case';

/** Stop after this many differences: each is shrunk, and the first few are what a fix starts from. */
const MAX_DIFFERENCES = 5;

type OracleRequest = Omit<ValuesCase, 'files'> & { files: string[] };
type OracleResponse = ValuesOutcome;

/** The first place two outcomes differ, in a line or two; undefined when they agree. */
function compare(helm: ValuesOutcome, fjord: ValuesOutcome): string | undefined {
  const show = (v: unknown) => JSON.stringify(v);
  if ((helm.userError ?? '') !== (fjord.userError ?? '')) return `user values: helm error ${show(helm.userError)}\nfjord error ${show(fjord.userError)}`;
  if (!isDeepStrictEqual(helm.user ?? null, fjord.user ?? null)) return `user values: helm ${show(helm.user)}\nfjord ${show(fjord.user)}`;
  if ((helm.error ?? '') !== (fjord.error ?? '')) return `coalesce: helm error ${show(helm.error)}\nfjord error ${show(fjord.error)}`;
  if (!isDeepStrictEqual(helm.values ?? null, fjord.values ?? null)) return `coalesced values: helm ${show(helm.values)}\nfjord ${show(fjord.values)}`;
  return undefined;
}

/** The case as a reader replays it: the chart tree as JSON, then each flag as helm would be given it. */
function showCase(c: ValuesCase): string {
  const lines = [`chart: ${JSON.stringify(c.chart)}`];
  c.files.forEach((f, i) =>
    lines.push(
      `-f values-${i}.yaml:`,
      ...valuesFileYaml(f)
        .trimEnd()
        .split('\n')
        .map((l) => `  ${l}`),
    ),
  );
  for (const s of c.set) lines.push(`--set ${JSON.stringify(s)}`);
  for (const s of c.setString) lines.push(`--set-string ${JSON.stringify(s)}`);
  for (const s of c.setFile) lines.push(`--set-file ${JSON.stringify(s)}`);
  if (c.setFile.length) lines.push(`files: ${JSON.stringify(c.readable)}`);
  return lines.join('\n');
}

async function run({ cases, seed, progress }: FuzzOptions): Promise<FuzzReport> {
  const oracle = new JsonLinesOracle<OracleRequest, OracleResponse>('helm-values');
  const coverage: Record<string, number> = {};
  const differences: FuzzDifference[] = [];
  let done = 0;
  let round = 0;
  try {
    while (done < cases && differences.length < MAX_DIFFERENCES) {
      const roundSeed = seed + round++;
      let shrinking = false;
      let last = '';
      const property = fc.asyncProperty(valuesCase, async (c) => {
        const helm = await oracle.ask({ ...c, files: c.files.map(valuesFileYaml) });
        const diff = compare(helm, fjordValues(c));
        if (!shrinking) {
          done++;
          for (const k of coverageOf(c, helm)) coverage[k] = (coverage[k] ?? 0) + 1;
          if (done % 500 === 0) progress?.(done);
        }
        if (diff === undefined) return true;
        shrinking = true;
        last = diff;
        return false;
      });
      const result = await fc.check(property, { numRuns: cases - done, seed: roundSeed });
      if (!result.failed) break;
      if (result.errorInstance && !last) throw result.errorInstance;
      if (!result.counterexample) throw new Error(`helm-values: fast-check failed without a counterexample (seed ${roundSeed})`);
      const input = result.counterexample[0];
      const helm = await oracle.ask({ ...input, files: input.files.map(valuesFileYaml) });
      differences.push({
        seed: roundSeed,
        path: result.counterexamplePath ?? undefined,
        input: showCase(input),
        detail: compare(helm, fjordValues(input)) ?? last,
      });
    }
  } finally {
    oracle.close();
  }
  return { engine: 'helm-values', cases: done, seed, differences, coverage };
}

/** The helm-values engine (see the file comment). */
export const engine: FuzzEngine = {
  name: 'helm-values',
  description: "fjord's value flags, dependency processing and coalescing vs helm v4.2.4's (MergeValues, ProcessDependencies, CoalesceValues)",
  ciCases: 4000,
  run,
};
