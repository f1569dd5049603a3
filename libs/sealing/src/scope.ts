import { SealingError, SealingErrorReason } from './errors';
import type { ObjectMeta } from './types';

/** How widely a sealed value may be used (upstream's "scope"). */
export const SealingScope = {
  /** Bound to the Secret's namespace and name (the default). */
  Strict: 'strict',
  /** Bound to the namespace only: the SealedSecret may be renamed. */
  NamespaceWide: 'namespace-wide',
  /** Usable under any name in any namespace. */
  ClusterWide: 'cluster-wide',
} as const;
/** One of the three sealing scopes. */
export type SealingScope = (typeof SealingScope)[keyof typeof SealingScope];

/** Every scope, in upstream's order. */
export const SEALING_SCOPES: readonly SealingScope[] = [SealingScope.Strict, SealingScope.NamespaceWide, SealingScope.ClusterWide];

/** Annotations with a meaning to the controller (prefix `sealedsecrets.bitnami.com/`). */
export const SealedSecretsAnnotation = {
  NamespaceWide: 'sealedsecrets.bitnami.com/namespace-wide',
  ClusterWide: 'sealedsecrets.bitnami.com/cluster-wide',
  /** On an existing Secret: the controller may take it over and overwrite it. */
  Managed: 'sealedsecrets.bitnami.com/managed',
  /** On an existing Secret: merge data, labels and annotations into it instead of replacing them. */
  Patch: 'sealedsecrets.bitnami.com/patch',
  /** On spec.template.metadata: do not set the ownerReference to the SealedSecret. */
  SkipSetOwnerReferences: 'sealedsecrets.bitnami.com/skip-set-owner-references',
} as const;

/** Parses a `--scope` value; empty means the default (strict). */
export function parseScope(value: string | undefined): SealingScope {
  if (value === undefined || value === '') return SealingScope.Strict;
  if ((SEALING_SCOPES as readonly string[]).includes(value)) return value as SealingScope;
  throw new SealingError(SealingErrorReason.InvalidInput, 'scope must be one of: strict, namespace-wide, cluster-wide');
}

/** The scope an object's annotations select: cluster-wide wins over namespace-wide; only the exact "true" counts. */
export function scopeOf(meta: Pick<ObjectMeta, 'annotations'> | null | undefined): SealingScope {
  const annotations = meta?.annotations ?? {};
  if (annotations[SealedSecretsAnnotation.ClusterWide] === 'true') return SealingScope.ClusterWide;
  if (annotations[SealedSecretsAnnotation.NamespaceWide] === 'true') return SealingScope.NamespaceWide;
  return SealingScope.Strict;
}

/** The RSA-OAEP label that binds a value to its scope: `ns/name`, `ns`, or empty. */
export function encryptionLabel(namespace: string, name: string, scope: SealingScope): Buffer {
  switch (scope) {
    case SealingScope.ClusterWide:
      return Buffer.alloc(0);
    case SealingScope.NamespaceWide:
      return Buffer.from(namespace, 'utf8');
    default:
      return Buffer.from(`${namespace}/${name}`, 'utf8');
  }
}

/** The label for an object, from its own namespace, name and scope annotations. */
export function labelFor(meta: ObjectMeta | undefined): Buffer {
  return encryptionLabel(meta?.namespace ?? '', meta?.name ?? '', scopeOf(meta));
}

/** Returns a copy of the annotations whose scope annotations say `scope` (and nothing else about scope). */
export function withScopeAnnotations(annotations: Record<string, string> | undefined, scope: SealingScope): Record<string, string> {
  const out = { ...(annotations ?? {}) };
  delete out[SealedSecretsAnnotation.NamespaceWide];
  delete out[SealedSecretsAnnotation.ClusterWide];
  if (scope === SealingScope.NamespaceWide) out[SealedSecretsAnnotation.NamespaceWide] = 'true';
  if (scope === SealingScope.ClusterWide) out[SealedSecretsAnnotation.ClusterWide] = 'true';
  return out;
}
