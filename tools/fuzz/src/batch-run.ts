import fc from 'fast-check';
import type { FuzzDifference, FuzzOptions, FuzzReport } from './fuzz-engine';
import { FuzzTally } from './tally';

/** What a case came to: its coverage classes, and `same`, `different`, or the name of the known difference it is. */
export interface CaseVerdict {
  classes: string[];
  verdict: string;
}

/** The real tool for one run: a long-running oracle process, or a wrapper that spawns the CLI. */
export interface Oracle {
  close(): void;
}

/** How one engine draws, runs and judges its cases in batches (one oracle call a batch). */
export interface BatchFuzzer<C, A, O extends Oracle> {
  engine: string;
  arbitrary: fc.Arbitrary<C>;
  batchSize: number;
  /** How many differences are shrunk and reported (the rest are counted); 10 unless said. */
  maxReported?: number;
  startOracle(): O | Promise<O>;
  /** Runs a batch through the real tool (one process call, or one round trip to a long-running oracle). */
  runBatch(oracle: O, batch: C[]): Promise<A[]>;
  judge(oracle: O, c: C, answer: A): Promise<CaseVerdict>;
  /** Shrinks the differing case at `index` of the run's sample (replayable as `path` with the run's seed). */
  shrink(oracle: O, seed: number, index: number): Promise<Omit<FuzzDifference, 'seed'>>;
}

/**
 * Starts the oracle, draws the run's cases from the seed, runs them a batch at a time, tallies coverage and known
 * differences, shrinks the first differences found, and closes the oracle whatever happens.
 */
export async function fuzzInBatches<C, A, O extends Oracle>(fuzzer: BatchFuzzer<C, A, O>, { cases, seed, progress }: FuzzOptions): Promise<FuzzReport> {
  const tally = new FuzzTally(fuzzer.maxReported ?? 10);
  const oracle = await fuzzer.startOracle();
  try {
    const all = fc.sample(fuzzer.arbitrary, { seed, numRuns: cases });
    for (let start = 0; start < all.length; start += fuzzer.batchSize) {
      const batch = all.slice(start, start + fuzzer.batchSize);
      const answers = await fuzzer.runBatch(oracle, batch);
      for (const [i, c] of batch.entries()) {
        const { classes, verdict } = await fuzzer.judge(oracle, c, answers[i]);
        tally.count(...classes);
        if (verdict === 'different') await tally.differs(async () => ({ seed, ...(await fuzzer.shrink(oracle, seed, start + i)) }));
        else if (verdict !== 'same') tally.count(verdict);
      }
      progress?.(start + batch.length);
    }
  } finally {
    oracle.close();
  }
  return tally.report(fuzzer.engine, cases, seed);
}
