import { TRACKING_ANNOTATION, type ResourceKey } from '@fjord/argo';
import { trackingApp } from '@fjord/cluster-cache';
import { defaultIsNamespaced, resourceKeyOf } from '@fjord/diff';
import type { KubeObject } from '@fjord/k8s-yaml';
import type { LiveView } from '../src/compare-app';
import type { ApplyWriteOptions, ClusterWriter, DeleteOptions } from '../src/cluster-writer';
import type { LiveObjects } from '../src/step-executor';
import { objectKey } from './recording-writer';

const idOf = (k: ResourceKey) => `${k.group}/${k.kind}/${k.namespace}/${k.name}`;

/**
 * The state of a cluster in memory, for property tests that run thousands of syncs: it answers as the cluster
 * cache does (full objects only for tracked resources, `has` for any), and takes the runner's writes as the API
 * server would for the kinds the tests use (no controllers; a deletion waits for the object's finalizers; a dry
 * run changes nothing). Every object carries a resourceVersion that changes on each write, so tests can see which
 * objects were written.
 */
export class MemoryCluster implements ClusterWriter, LiveObjects, LiveView {
  private readonly objects = new Map<string, KubeObject>();
  private version = 1;
  writes = 0;

  constructor(initial: readonly KubeObject[] = []) {
    for (const obj of initial) this.store(structuredClone(obj));
  }

  /** Every object, as stored. */
  all(): KubeObject[] {
    return [...this.objects.values()];
  }

  /** An object by `group/kind/namespace/name`, as stored. */
  byKey(key: string): KubeObject | undefined {
    return this.objects.get(key);
  }

  managedBy(app: string): KubeObject[] {
    return this.all().filter((o) => this.trackedBy(o) === app);
  }

  get(key: ResourceKey): KubeObject | undefined {
    const obj = this.objects.get(idOf(key));
    return obj && this.trackedBy(obj) !== undefined ? obj : undefined;
  }

  has(key: ResourceKey): boolean {
    return this.objects.has(idOf(key));
  }

  isNamespaced(group: string, kind: string): boolean | undefined {
    return defaultIsNamespaced(group, kind);
  }

  async apply(obj: KubeObject, options: ApplyWriteOptions): Promise<KubeObject | undefined> {
    this.writes++;
    const current = this.objects.get(objectKey(obj));
    const next = { ...structuredClone(obj), metadata: { ...structuredClone(obj.metadata), uid: current?.metadata?.uid ?? `uid-${this.version}` } };
    if (current?.metadata?.deletionTimestamp) throw new Error(`object ${objectKey(obj)} is being deleted`);
    if (options.dryRun) return next;
    return this.store(next);
  }

  async exists(obj: KubeObject): Promise<boolean> {
    return this.objects.has(objectKey(obj));
  }

  async delete(obj: KubeObject, options: DeleteOptions): Promise<void> {
    this.writes++;
    const current = this.objects.get(objectKey(obj));
    if (!current || options.dryRun) return;
    if (((current.metadata?.finalizers as string[] | undefined) ?? []).length === 0) this.objects.delete(objectKey(obj));
    else if (!current.metadata?.deletionTimestamp) this.store({ ...current, metadata: { ...current.metadata, deletionTimestamp: '2026-11-29T10:00:00Z' } });
  }

  async removeFinalizer(obj: KubeObject, finalizer: string): Promise<void> {
    this.writes++;
    const current = this.objects.get(objectKey(obj));
    if (!current) return;
    const finalizers = ((current.metadata?.finalizers as string[] | undefined) ?? []).filter((f) => f !== finalizer);
    if (finalizers.length === 0 && current.metadata?.deletionTimestamp) this.objects.delete(objectKey(obj));
    else this.store({ ...current, metadata: { ...current.metadata, finalizers } });
  }

  private store(obj: KubeObject): KubeObject {
    obj.metadata = { ...obj.metadata, resourceVersion: String(this.version++) };
    this.objects.set(objectKey(obj), obj);
    return obj;
  }

  private trackedBy(obj: KubeObject): string | undefined {
    const key = resourceKeyOf(obj, '', defaultIsNamespaced);
    return trackingApp(
      (obj.metadata?.annotations as Record<string, string> | undefined)?.[TRACKING_ANNOTATION],
      key,
      defaultIsNamespaced(key.group, key.kind) !== false,
    );
  }
}
