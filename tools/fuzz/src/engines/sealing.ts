/**
 * Fjord's sealing (@fjord/sealing's sealSecret and unsealSecret) against the real kubeseal v0.36.6, offline, with
 * one key pair: random Secrets (see sealing/case.ts) sealed by both, each side's SealedSecret unsealed by the other.
 * kubeseal seals a batch in one run; its `--recovery-unseal` reads one SealedSecret a run, so a case costs a process.
 */
import fc from 'fast-check';
import { parseObjects, type SealedSecret } from '@fjord/sealing';
import type { FuzzDifference, FuzzEngine, FuzzOptions, FuzzReport } from '../fuzz-engine';
import { fuzzInBatches, type CaseVerdict } from '../batch-run';
import { sealingCase, secretText, type SealingCase } from './sealing/case';
import { compareCase, fjordSeal, show, type CaseResult } from './sealing/compare';
import { Kubeseal, type KubesealAnswer } from './sealing/kubeseal';

const BATCH = 50;
/** Differences shrunk and reported per run; more of them are counted, not shrunk. */
const MAX_REPORTED = 5;
/** How long shrinking one difference may take (every step runs kubeseal twice). */
const SHRINK_MS = 60_000;

/**
 * Differences known and documented in libs/sealing/README.md ("Known differences"): counted, not reported.
 * YAML 1.1 takes U+0085, U+2028 and U+2029 for line breaks; @fjord/k8s-yaml's reader does not (yet).
 */
const KNOWN: { name: string; test: (c: SealingCase) => boolean }[] = [
  { name: 'known: YAML 1.1 line breaks (U+0085, U+2028, U+2029) in YAML text', test: (c) => c.format === 'yaml' && /[\u0085\u2028\u2029]/.test(secretText(c)) },
];

const knownAs = (c: SealingCase) => KNOWN.find((k) => k.test(c))?.name;

/**
 * Whether kubeseal's answer to a YAML case is random: two keys of a mapping that Go reads as the same string
 * (`yes` and `"true"`) collide in its map, and which one wins changes from run to run. Asks again a few times.
 */
async function goIsRandom(kubeseal: Kubeseal, c: SealingCase, first: CaseResult): Promise<boolean> {
  if (c.format !== 'yaml') return false;
  for (let i = 0; i < 4; i++) {
    const [again] = await runCases(kubeseal, [c]);
    if (again.differences.join('\n') !== first.differences.join('\n')) return true;
  }
  return false;
}

/** kubeseal's SealedSecret of each case: one run for each format and `--scope` flag (or none) among the cases. */
async function sealByKubeseal(kubeseal: Kubeseal, cases: SealingCase[]): Promise<KubesealAnswer<SealedSecret>[]> {
  const answers: KubesealAnswer<SealedSecret>[] = new Array(cases.length);
  const groups = new Map<string, number[]>();
  cases.forEach((c, i) => {
    const group = `${c.format} ${c.scopeBy === 'flag' ? c.scope : ''}`;
    groups.set(group, [...(groups.get(group) ?? []), i]);
  });
  for (const indices of groups.values()) {
    const { format, scopeBy, scope } = cases[indices[0]];
    const sealed = await kubeseal.seal(
      indices.map((i) => secretText(cases[i])),
      { format, scope: scopeBy === 'flag' ? scope : undefined, read: parseObjects },
    );
    indices.forEach((i, j) => (answers[i] = sealed[j]));
  }
  return answers;
}

/** Runs cases through both sides and compares them. */
async function runCases(kubeseal: Kubeseal, cases: SealingCase[]): Promise<CaseResult[]> {
  const fjord = cases.map((c) => fjordSeal(c, kubeseal.key.publicKey));
  const sealedByKubeseal = await sealByKubeseal(kubeseal, cases);
  const sealedByFjord = fjord.flatMap((f, i) => ('object' in f ? [{ i, text: f.text }] : []));
  const unsealed = await kubeseal.unseal(sealedByFjord.map((s) => s.text));
  const unsealedOf = new Map(sealedByFjord.map((s, j) => [s.i, unsealed[j]]));
  return cases.map((c, i) => compareCase(c, kubeseal.key, fjord[i], sealedByKubeseal[i], unsealedOf.get(i)));
}

async function shrink(kubeseal: Kubeseal, seed: number, index: number): Promise<Omit<FuzzDifference, 'seed'>> {
  const result = await fc.check(
    fc.asyncProperty(sealingCase, async (c) => knownAs(c) !== undefined || (await runCases(kubeseal, [c]))[0].differences.length === 0),
    { seed, path: String(index), numRuns: 1, interruptAfterTimeLimit: SHRINK_MS },
  );
  const c = (result.counterexample?.[0] ?? fc.sample(sealingCase, { seed, numRuns: index + 1 })[index]) as SealingCase;
  const [again] = await runCases(kubeseal, [c]);
  return {
    input: `scope ${c.scope} by ${c.scopeBy}, ${c.format}:\n${c.format === 'json' ? show(c.secret) : secretText(c)}`,
    detail: again.differences.join('\n') || 'the difference went away on replay',
    path: result.counterexamplePath ?? String(index),
  };
}

/** Why a differing case is not a finding (a known difference, or Go answering at random), if it is not one. */
async function knownReason(kubeseal: Kubeseal, c: SealingCase, result: CaseResult): Promise<string | undefined> {
  return knownAs(c) ?? ((await goIsRandom(kubeseal, c, result)) ? 'known: Go is random (keys colliding after YAML 1.1)' : undefined);
}

/** A case is the same when every way round (each side sealing, the other unsealing) gives the original back. */
async function judge(kubeseal: Kubeseal, c: SealingCase, result: CaseResult): Promise<CaseVerdict> {
  const verdict = result.differences.length === 0 ? 'same' : ((await knownReason(kubeseal, c, result)) ?? 'different');
  return { classes: result.classes, verdict };
}

async function run(options: FuzzOptions): Promise<FuzzReport> {
  return fuzzInBatches(
    {
      engine: 'sealing',
      arbitrary: sealingCase,
      batchSize: BATCH,
      maxReported: MAX_REPORTED,
      startOracle: () => Kubeseal.start(),
      runBatch: runCases,
      judge,
      shrink,
    },
    options,
  );
}

export const engine: FuzzEngine = {
  name: 'sealing',
  description: "Fjord's sealSecret/unsealSecret vs kubeseal v0.36.6 (--cert and --recovery-unseal, offline)",
  ciCases: 2000,
  run,
};
