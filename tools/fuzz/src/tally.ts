import type { FuzzDifference, FuzzReport } from './fuzz-engine';

/**
 * What a fuzz run has seen so far: how many cases fell in each coverage class (known differences among them) and
 * the differences, of which only the first few are shrunk and reported (shrinking costs many runs of the tool);
 * the rest are counted.
 */
export class FuzzTally {
  private readonly coverage: Record<string, number> = {};
  private readonly differences: FuzzDifference[] = [];
  private unshrunk = 0;

  constructor(private readonly maxReported: number) {}

  /** Counts one case in each of the classes. */
  count(...classes: string[]): void {
    for (const name of classes) this.coverage[name] = (this.coverage[name] ?? 0) + 1;
  }

  /** Records a differing case: shrunk by `shrink` while fewer than the maximum are reported, else counted. */
  async differs(shrink: () => Promise<FuzzDifference>): Promise<void> {
    if (this.differences.length < this.maxReported) this.differences.push(await shrink());
    else this.unshrunk++;
  }

  /** The run's report. */
  report(engine: string, cases: number, seed: number): FuzzReport {
    const coverage = this.unshrunk > 0 ? { ...this.coverage, 'differing cases not shrunk': this.unshrunk } : { ...this.coverage };
    return { engine, cases, seed, differences: [...this.differences], coverage };
  }
}
