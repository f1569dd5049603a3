import type { KubeObject } from '@fjord/k8s-yaml';

/** Options of a delete: a dry run writes nothing; the propagation policy in Argo CD's or Kubernetes' spelling. */
export interface DeleteOptions {
  dryRun: boolean;
  propagationPolicy?: string;
}

/** Options of an apply: a dry run writes nothing; `replace` for `Replace=true`. */
export interface ApplyWriteOptions {
  dryRun: boolean;
  replace?: boolean;
}

/**
 * Every write the operation runner and the app finalizer make to managed objects goes through this interface (and
 * one read, {@link ClusterWriter.exists}), so that tests can record them all or keep the cluster in memory: the
 * process's {@link KubeClient} is the real one.
 */
export interface ClusterWriter {
  /** Writes made so far (dry runs included). */
  readonly writes: number;
  apply(obj: KubeObject, options: ApplyWriteOptions): Promise<KubeObject | undefined>;
  exists(obj: KubeObject): Promise<boolean>;
  delete(obj: KubeObject, options: DeleteOptions): Promise<void>;
  removeFinalizer(obj: KubeObject, finalizer: string): Promise<void>;
}
