import { ChangeType, type ChangeEvent } from '@fjord/cluster-cache';
import { AppChangeSignal, WakeReason, type ChangeSource } from './app-change-signal';

/** A change source as the cluster cache is one: listeners subscribed, events delivered to each. */
class Changes implements ChangeSource {
  readonly listeners = new Set<(e: ChangeEvent) => void>();
  onChange(listener: (e: ChangeEvent) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(...apps: string[]) {
    for (const l of this.listeners) l({ type: ChangeType.Modified, key: { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web' }, apps });
  }
}

describe('AppChangeSignal', () => {
  it("wakes a waiting sync on its app's change, not on another app's", async () => {
    const changes = new Changes();
    const signal = new AppChangeSignal(changes, 'shop');
    const waiting = signal.next(10_000);
    changes.emit('other');
    changes.emit('other', 'shop');
    await expect(waiting).resolves.toBe(WakeReason.Changed);
    signal.close();
  });

  it('keeps a change that came while the sync was busy, and times out when none came', async () => {
    const changes = new Changes();
    const signal = new AppChangeSignal(changes, 'shop');
    changes.emit('shop');
    await expect(signal.next(10_000)).resolves.toBe(WakeReason.Changed);
    await expect(signal.next(20)).resolves.toBe(WakeReason.TimedOut);
    signal.close();
  });

  it('ends a wait when interrupted, and stops listening when closed', async () => {
    const changes = new Changes();
    const signal = new AppChangeSignal(changes, 'shop');
    const waiting = signal.next(10_000);
    signal.interrupt();
    await expect(waiting).resolves.toBe(WakeReason.Interrupted);
    await expect(signal.next(10_000)).resolves.toBe(WakeReason.Interrupted);
    signal.close();
    expect(changes.listeners.size).toBe(0);
  });
});
