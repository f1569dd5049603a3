import type { KubeObject } from '@fjord/k8s-yaml';
import type { ApplyWriteOptions, ClusterWriter, DeleteOptions } from '../src/cluster-writer';

/** The verbs of the writes a {@link RecordingWriter} records. */
export const WriteVerb = { Apply: 'apply', Delete: 'delete', RemoveFinalizer: 'removeFinalizer' } as const;
/** One of the write verbs. */
export type WriteVerb = (typeof WriteVerb)[keyof typeof WriteVerb];

/** One write call as the runner made it. */
export interface RecordedWrite {
  verb: WriteVerb;
  /** `group/kind/namespace/name` of the object written. */
  key: string;
  /** Whether the call asked for a dry run (a finalizer removal never does). */
  dryRun: boolean;
  /** For deletes: whether the object existed when the call was made (a delete of nothing changes nothing). */
  liveExisted?: boolean;
  /** For deletes: the tracking id the live object carried when the call was made (who owned what was deleted). */
  liveTracking?: string;
}

/** Reads whether the live object a delete is about exists, and its tracking id, at the time of the call. */
export type TrackingProbe = (obj: KubeObject) => Promise<{ exists: boolean; tracking?: string }>;

/** `group/kind/namespace/name` of an object (the form the property tests compare). */
export function objectKey(obj: KubeObject): string {
  const apiVersion = String(obj.apiVersion ?? '');
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return `${group}/${String(obj.kind)}/${String(obj.metadata?.namespace ?? '')}/${String(obj.metadata?.name ?? '')}`;
}

/**
 * A ClusterWriter that records every write call made through it, then passes it on to the writer it wraps (the
 * process's KubeClient, or an in-memory cluster): the property tests check the record against the invariants.
 */
export class RecordingWriter implements ClusterWriter {
  readonly records: RecordedWrite[] = [];

  constructor(
    private readonly inner: ClusterWriter,
    private readonly probe: TrackingProbe = async () => ({ exists: true }),
  ) {}

  get writes(): number {
    return this.records.length;
  }

  apply(obj: KubeObject, options: ApplyWriteOptions): Promise<KubeObject | undefined> {
    this.records.push({ verb: WriteVerb.Apply, key: objectKey(obj), dryRun: options.dryRun === true });
    return this.inner.apply(obj, options);
  }

  exists(obj: KubeObject): Promise<boolean> {
    return this.inner.exists(obj);
  }

  async delete(obj: KubeObject, options: DeleteOptions): Promise<void> {
    const record: RecordedWrite = { verb: WriteVerb.Delete, key: objectKey(obj), dryRun: options.dryRun === true };
    this.records.push(record); // recorded before anything can fail
    const live = await this.probe(obj);
    record.liveExisted = live.exists;
    record.liveTracking = live.tracking;
    return this.inner.delete(obj, options);
  }

  removeFinalizer(obj: KubeObject, finalizer: string): Promise<void> {
    this.records.push({ verb: WriteVerb.RemoveFinalizer, key: objectKey(obj), dryRun: false });
    return this.inner.removeFinalizer(obj, finalizer);
  }

  /** The calls that change the cluster (dry runs left out). */
  realWrites(): RecordedWrite[] {
    return this.records.filter((r) => !r.dryRun);
  }
}
