import type { ChangeEvent, ChangeType, ResourceKey } from './types';

interface Cooldown {
  timer: NodeJS.Timeout;
  /** The latest change of the app that arrived during the cooldown. */
  pending?: { type: ChangeType; key: ResourceKey };
}

/**
 * Rate-limits change notifications per app: an app's first change is delivered at once, then the app cools down
 * for `batchMs`; changes arriving meanwhile are coalesced and delivered when it ends (the latest one stands for
 * all, since listeners re-read the app's state). `batchMs` 0 delivers every change.
 */
export class ChangeBatcher {
  private readonly cooling = new Map<string, Cooldown>();

  constructor(
    private readonly batchMs: number,
    private readonly deliver: (event: ChangeEvent) => void,
  ) {}

  /** Records a change concerning `apps`. */
  add(type: ChangeType, key: ResourceKey, apps: readonly string[]): void {
    const now: string[] = [];
    for (const app of apps) {
      const cooldown = this.cooling.get(app);
      if (cooldown) cooldown.pending = { type, key };
      else {
        now.push(app);
        this.coolDown(app);
      }
    }
    if (now.length) this.deliver({ type, key, apps: now });
  }

  /** Apps with a change waiting for their cooldown to end. */
  get pendingApps(): number {
    let n = 0;
    for (const c of this.cooling.values()) if (c.pending) n++;
    return n;
  }

  /** Drops pending changes and timers. */
  stop(): void {
    for (const c of this.cooling.values()) clearTimeout(c.timer);
    this.cooling.clear();
  }

  private coolDown(app: string): void {
    if (this.batchMs <= 0) return;
    this.cooling.set(app, { timer: setTimeout(() => this.release(app), this.batchMs) });
  }

  private release(app: string): void {
    const cooldown = this.cooling.get(app);
    this.cooling.delete(app);
    if (!cooldown?.pending) return;
    this.coolDown(app);
    this.deliver({ ...cooldown.pending, apps: [app] });
  }
}
