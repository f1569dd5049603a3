import fc from 'fast-check';

/** fast-check's imperative draw (`fc.gen()`), as the case builders use it. */
export type Gen = fc.GeneratorValue;

/**
 * Small choices over one `Gen`, each shrinking towards the plainest case: a feature off, a count of zero, the
 * first option. Shrunk differences then show only what it takes to differ.
 */
export class Draw {
  constructor(readonly g: Gen) {}

  /** True with probability `p`; shrinks to false. */
  chance(p: number): boolean {
    return this.g(fc.integer, { min: 0, max: 999 }) >= 1000 - p * 1000;
  }

  /** A whole number in [min, max]; shrinks to min. */
  int(min: number, max: number): number {
    return this.g(fc.integer, { min, max });
  }

  /** One of `options`; shrinks to the first. */
  pick<T>(options: readonly T[]): T {
    return options[this.int(0, options.length - 1)];
  }

  /** Up to `max` distinct options, in a random order (shrinks to none). */
  some<T>(options: readonly T[], max = options.length): T[] {
    const n = this.int(0, Math.min(max, options.length));
    const left = [...options];
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(left.splice(this.int(0, left.length - 1), 1)[0]);
    return out;
  }

  /** A value from any fast-check arbitrary. */
  from<T>(arb: fc.Arbitrary<T>): T {
    return this.g(() => arb);
  }
}
