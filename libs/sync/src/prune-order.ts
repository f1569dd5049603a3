import { SyncPhase } from '@fjord/argo';
import { pruneLastFor, resourceSyncOptions, type SyncOptions } from './sync-options';
import { TaskAction, type SyncTask } from './task';

/**
 * Gives prune tasks their waves as Argo CD does: the distinct prune waves are mirrored (the lowest prune wave runs
 * last, so resources go in the reverse of their creation order), then PruneLast tasks move to one wave after the
 * last wave of the Sync phase.
 */
export function orderPruneWaves(tasks: readonly SyncTask[], options: SyncOptions): SyncTask[] {
  const waves = [...new Set(tasks.filter(isPrune).map((t) => t.wave))].sort((a, b) => a - b);
  const mirrored = new Map(waves.map((w, i) => [w, waves[waves.length - 1 - i]]));
  const reversed = tasks.map((t) => (isPrune(t) ? { ...t, wave: mirrored.get(t.wave)! } : t));
  const lastSyncWave = Math.max(0, ...reversed.filter((t) => t.phase === SyncPhase.Sync).map((t) => t.wave)) + 1;
  return reversed.map((t) => (isPrune(t) && pruneLastFor(options, resourceSyncOptions(t.live)) ? { ...t, wave: lastSyncWave } : t));
}

function isPrune(task: SyncTask): boolean {
  return task.action === TaskAction.Prune;
}
