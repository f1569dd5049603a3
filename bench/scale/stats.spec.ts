import { quantile, summarize } from './stats';

describe('summarize', () => {
  it('takes nearest-rank quantiles, so the p99 of 100 values is the 99th smallest', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted on purpose
    expect(summarize(values)).toEqual({ count: 100, p50: 50, p90: 90, p99: 99, max: 100, mean: 50.5 });
  });

  it('gives the only value for every quantile of one value, and NaN for none', () => {
    expect(quantile([7], 0.99)).toBe(7);
    expect(summarize([]).p99).toBeNaN();
  });
});
