import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { KubeObject } from '@fjord/k8s-yaml';
import type { Comparison, LiveView } from './compare-app';

type Key = { group: string; kind: string; namespace: string; name: string };

/** What one comparison read from the live state: each answer, as identities (uid and resourceVersion). */
export interface LiveReads {
  managedBy: Map<string, string>;
  get: Map<string, string>;
  isNamespaced: Map<string, boolean | undefined>;
}

const ABSENT = '-';
const identity = (o: KubeObject | undefined) => (o ? `${String(o.metadata?.uid ?? '')}/${String(o.metadata?.resourceVersion ?? '')}` : ABSENT);
const listIdentity = (objects: KubeObject[]) => objects.map(identity).sort().join(',');

/** Wraps a live view so that every answer it gives is recorded in `reads`. */
export function recordingLiveView(live: LiveView): { view: LiveView; reads: LiveReads } {
  const reads: LiveReads = { managedBy: new Map(), get: new Map(), isNamespaced: new Map() };
  const view: LiveView = {
    managedBy(app) {
      const objects = live.managedBy(app);
      reads.managedBy.set(app, listIdentity(objects));
      return objects;
    },
    get(key) {
      const obj = live.get(key);
      reads.get.set(JSON.stringify(key), identity(obj));
      return obj;
    },
    isNamespaced(group, kind) {
      const answer = live.isNamespaced(group, kind);
      reads.isNamespaced.set(`${group}/${kind}`, answer);
      return answer;
    },
  };
  return { view, reads };
}

/** Whether `live` would give every answer in `reads` again. */
export function sameReads(reads: LiveReads, live: LiveView): boolean {
  for (const [app, ids] of reads.managedBy) if (listIdentity(live.managedBy(app)) !== ids) return false;
  for (const [key, id] of reads.get) if (identity(live.get(JSON.parse(key) as Key)) !== id) return false;
  for (const [gk, answer] of reads.isNamespaced) {
    const slash = gk.indexOf('/');
    if (live.isNamespaced(gk.slice(0, slash), gk.slice(slash + 1)) !== answer) return false;
  }
  return true;
}

/** A hash of what a comparison is computed from besides the live state: the app's spec and the rendered manifests. */
export function comparisonInputs(spec: unknown, revision: string, manifests: readonly string[]): string {
  const hash = createHash('sha256')
    .update(JSON.stringify(spec) ?? '')
    .update('\0')
    .update(revision);
  for (const m of manifests) hash.update('\0').update(m);
  return hash.digest('base64');
}

/**
 * The last comparison of each app, reused when nothing it was computed from has changed: the same spec, revision
 * and manifests, and the same answer to every live-state question it asked (down to resourceVersions). A
 * comparison is a pure function of those (dry runs are memoised on the same identities), so a periodic resync of
 * an unchanged app costs a manifest lookup and these checks, not a diff of every resource.
 */
export class ComparisonMemo {
  private readonly entries = new LRUCache<string, { inputs: string; reads: LiveReads; comparison: Comparison }>({ max: 20_000 });
  hits = 0;

  /** The remembered comparison of app `key` if still valid for `inputs` against `live`. */
  lookup(key: string, inputs: string, live: LiveView): Comparison | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.inputs !== inputs || !sameReads(entry.reads, live)) return undefined;
    this.hits++;
    return entry.comparison;
  }

  /** The app's last comparison, whether or not it is still valid (undefined when none was made). */
  latest(key: string): Comparison | undefined {
    return this.entries.get(key)?.comparison;
  }

  remember(key: string, inputs: string, reads: LiveReads, comparison: Comparison): void {
    this.entries.set(key, { inputs, reads, comparison });
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}
