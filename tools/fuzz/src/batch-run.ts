import fc from 'fast-check';
import type { FuzzDifference, FuzzOptions, FuzzReport } from './fuzz-engine';
import { FuzzTally } from './tally';

/** What a case came to: its coverage classes, and `same`, `different`, or the name of the known difference it is. */
export interface CaseVerdict {
  classes: string[];
  verdict: string;
}

/** How one engine draws, runs and judges its cases in batches (one oracle call a batch). */
export interface BatchFuzzer<C, A> {
  engine: string;
  arbitrary: fc.Arbitrary<C>;
  batchSize: number;
  maxReported: number;
  /** Runs a batch through the real tool (one process call, or one round trip to a long-running oracle). */
  runBatch(batch: C[]): Promise<A[]>;
  judge(c: C, answer: A): Promise<CaseVerdict>;
  /** Shrinks the differing case at `index` of the run's sample (replayable as `path` with the run's seed). */
  shrink(seed: number, index: number): Promise<Omit<FuzzDifference, 'seed'>>;
}

/**
 * Draws the run's cases from the seed, runs them a batch at a time, tallies coverage and known differences, and
 * shrinks the first differences found.
 */
export async function fuzzInBatches<C, A>(fuzzer: BatchFuzzer<C, A>, { cases, seed, progress }: FuzzOptions): Promise<FuzzReport> {
  const tally = new FuzzTally(fuzzer.maxReported);
  const all = fc.sample(fuzzer.arbitrary, { seed, numRuns: cases });
  for (let start = 0; start < all.length; start += fuzzer.batchSize) {
    const batch = all.slice(start, start + fuzzer.batchSize);
    const answers = await fuzzer.runBatch(batch);
    for (const [i, c] of batch.entries()) {
      const { classes, verdict } = await fuzzer.judge(c, answers[i]);
      tally.count(...classes);
      if (verdict === 'different') await tally.differs(async () => ({ seed, ...(await fuzzer.shrink(seed, start + i)) }));
      else if (verdict !== 'same') tally.count(verdict);
    }
    progress?.(start + batch.length);
  }
  return tally.report(fuzzer.engine, cases, seed);
}
