import { nextSealedSecretStatus, SyncReason } from './status';

const t0 = new Date('2026-01-01T00:00:00Z');
const t1 = new Date('2026-01-01T00:01:00Z');
const ok = { ok: true, reason: SyncReason.Unsealed, message: '' };
const bad = { ok: false, reason: 'DecryptFailed', message: 'no key could decrypt secret (k)' };

describe('nextSealedSecretStatus', () => {
  it('writes a first condition', () => {
    const { status, changed } = nextSealedSecretStatus(undefined, 1, ok, t0);
    expect(changed).toBe(true);
    expect(status).toEqual({
      observedGeneration: 1,
      conditions: [{ type: 'Synced', status: 'True', reason: 'Unsealed', lastUpdateTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' }],
    });
  });

  it('changes nothing when nothing changed, and moves lastTransitionTime only on a flip', () => {
    const first = nextSealedSecretStatus(undefined, 1, ok, t0).status;
    expect(nextSealedSecretStatus(first, 1, ok, t1).changed).toBe(false);
    expect(nextSealedSecretStatus(first, 2, ok, t1)).toMatchObject({ changed: true, status: { observedGeneration: 2 } });
    const flipped = nextSealedSecretStatus(first, 1, bad, t1).status.conditions![0];
    expect(flipped).toMatchObject({ status: 'False', message: bad.message, lastTransitionTime: '2026-01-01T00:01:00Z' });
    const failed = nextSealedSecretStatus(undefined, 1, bad, t0).status;
    const otherError = nextSealedSecretStatus(failed, 1, { ...bad, message: 'other' }, t1).status.conditions![0];
    expect(otherError).toMatchObject({ lastTransitionTime: '2026-01-01T00:00:00Z', lastUpdateTime: '2026-01-01T00:01:00Z' });
  });
});
