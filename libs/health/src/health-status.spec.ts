import { HEALTH_ORDER, HealthStatusCode as H, isWorse } from './index';

describe('health order', () => {
  it('ranks Healthy < Suspended < Progressing < Missing < Degraded < Unknown', () => {
    expect(HEALTH_ORDER).toEqual([H.Healthy, H.Suspended, H.Progressing, H.Missing, H.Degraded, H.Unknown]);
    expect(isWorse(H.Progressing, H.Degraded)).toBe(true);
    expect(isWorse(H.Degraded, H.Missing)).toBe(false);
    expect(isWorse(H.Healthy, H.Healthy)).toBe(false);
  });
});
