import type { KeyObject } from 'node:crypto';
import { decodeStdBase64, encodeStdBase64 } from './base64';
import { SealingError, SealingErrorReason } from './errors';
import { goString } from './go-scalar';
import { hybridEncrypt } from './hybrid';
import { encryptionLabel, labelFor, scopeOf, SealingScope, withScopeAnnotations } from './scope';
import { SEALED_SECRET_API_VERSION, SEALED_SECRET_KIND, type ObjectMeta, type SealedSecret, type Secret } from './types';

/** Annotations that hold a full copy of an applied object (and so its values in clear); never copied into a seal. */
const LAST_APPLIED_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration', 'kubecfg.ksonnet.io/last-applied-configuration'];
/** Server-set metadata stripped before sealing, as kubeseal does. */
const SERVER_FIELDS = [
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
];

/**
 * ObjectMeta fields Go's JSON leaves out when empty (`omitempty`): kubeseal reads the input into Go's ObjectMeta, so
 * `labels: {}` or `namespace: ""` never reach its SealedSecret.
 */
const OMITTED_WHEN_EMPTY = ['namespace', 'generateName', 'labels', 'annotations', 'finalizers'];

const isEmpty = (v: unknown) => v === '' || (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && v !== null && Object.keys(v).length === 0);

/** Options of {@link sealSecret}, with kubeseal's flags as names. */
export interface SealOptions {
  /** A scope other than strict overrides the input's scope annotations (kubeseal's `--scope`). */
  scope?: SealingScope;
  /** Overrides metadata.name (`--name`, and `--merge-into`). */
  name?: string;
  /** Used when the input has no namespace; an input namespace that differs is an error (`--namespace`). */
  namespace?: string;
  /** Seal a Secret without data or stringData (`--allow-empty-data`). */
  allowEmptyData?: boolean;
}

const stringMap = (map: unknown, field: string): Record<string, string> | undefined =>
  map === undefined || map === null ? undefined : Object.fromEntries(Object.entries(map).map(([k, v]) => [k, goString(v, `${field}.${k}`)]));

/**
 * The input Secret as kubeseal reads it: a number, boolean or null where a string belongs is read as Go reads it
 * (see {@link goString}); a `data` item must be a base64 string (null is empty).
 */
function readInputSecret(secret: Secret): Secret {
  const meta = secret.metadata;
  const data = secret.data as unknown;
  return {
    ...secret,
    ...(meta
      ? {
          metadata: {
            ...meta,
            ...Object.fromEntries(
              (['name', 'generateName', 'namespace'] as const).filter((f) => f in meta).map((f) => [f, goString(meta[f], `metadata.${f}`)]),
            ),
            ...(meta.labels ? { labels: stringMap(meta.labels, 'metadata.labels') } : {}),
            ...(meta.annotations ? { annotations: stringMap(meta.annotations, 'metadata.annotations') } : {}),
          },
        }
      : {}),
    ...(secret.type !== undefined ? { type: goString(secret.type, 'type') } : {}),
    ...(secret.stringData ? { stringData: stringMap(secret.stringData, 'stringData') } : {}),
    ...(data !== undefined && data !== null
      ? {
          data: Object.fromEntries(
            Object.entries(data).map(([k, v]) => {
              if (v !== null && typeof v !== 'string') throw new SealingError(SealingErrorReason.InvalidInput, `data.${k}: expected a base64 string`);
              return [k, v ?? ''];
            }),
          ),
        }
      : {}),
  };
}

/** Applies kubeseal's name, namespace and scope rules to the input metadata; returns the metadata to seal. */
export function prepareSecretMetadata(secret: Secret, options: SealOptions = {}): ObjectMeta {
  const meta: ObjectMeta = structuredClone(readInputSecret(secret).metadata ?? {});
  if (options.name) meta.name = options.name;
  if (!meta.name) throw new SealingError(SealingErrorReason.InvalidInput, 'missing metadata.name in input Secret');
  if (options.scope && options.scope !== SealingScope.Strict) meta.annotations = withScopeAnnotations(meta.annotations, options.scope);
  if (scopeOf(meta) !== SealingScope.ClusterWide && options.namespace) {
    if (meta.namespace && meta.namespace !== options.namespace) {
      throw new SealingError(
        SealingErrorReason.InvalidInput,
        `namespace mismatch: input secret is in namespace "${meta.namespace}" but "${options.namespace}" was specified`,
      );
    }
    meta.namespace ||= options.namespace;
  }
  for (const field of SERVER_FIELDS) delete meta[field];
  if (meta.annotations) {
    for (const a of LAST_APPLIED_ANNOTATIONS) delete meta.annotations[a];
  }
  delete meta.ownerReferences;
  for (const field of OMITTED_WHEN_EMPTY) if (isEmpty(meta[field])) delete meta[field];
  return meta;
}

/**
 * Seals a Secret into a SealedSecret with the given public key: every item of data and stringData encrypted on
 * its own under the scope's label, the input's metadata, type and immutable copied into spec.template.
 */
export function sealSecret(input: Secret, publicKey: KeyObject, options: SealOptions = {}): SealedSecret {
  const secret = readInputSecret(input);
  const items = Object.keys(secret.data ?? {}).length + Object.keys(secret.stringData ?? {}).length;
  if (items === 0 && !options.allowEmptyData) {
    throw new SealingError(
      SealingErrorReason.InvalidInput,
      'secret.data is empty in input Secret, assuming this is an error and aborting. To work with empty data, --allow-empty-data can be used',
    );
  }
  const meta = prepareSecretMetadata(secret, options);
  const scope = scopeOf(meta);
  if (scope !== SealingScope.ClusterWide && !meta.namespace) {
    throw new SealingError(SealingErrorReason.InvalidInput, 'secret must declare a namespace');
  }
  const label = labelFor(meta);
  // Items as entries: any key is an item, `__proto__` too (an assignment to it would set the prototype).
  const fromData = Object.entries(secret.data ?? {}).map(([key, value]) => [key, decodeItem(key, value)] as const);
  const fromText = Object.entries(secret.stringData ?? {}).map(([key, value]) => [key, Buffer.from(value, 'utf8')] as const);
  const encryptedData = Object.fromEntries([...fromData, ...fromText].map(([key, plain]) => [key, encodeStdBase64(hybridEncrypt(publicKey, plain, label))]));
  const annotations = withScopeAnnotations(undefined, scope);
  return {
    apiVersion: SEALED_SECRET_API_VERSION,
    kind: SEALED_SECRET_KIND,
    metadata: {
      name: meta.name,
      ...(meta.namespace ? { namespace: meta.namespace } : {}),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: {
      template: {
        metadata: meta,
        ...(secret.type ? { type: secret.type } : {}),
        ...(secret.immutable !== undefined ? { immutable: secret.immutable } : {}),
      },
      encryptedData,
    },
  };
}

function decodeItem(key: string, value: string): Buffer {
  try {
    return decodeStdBase64(value);
  } catch (err) {
    throw new SealingError(SealingErrorReason.InvalidBase64, `failed to read data item ${key}: ${(err as Error).message}`, [key]);
  }
}

/** Seals one raw value (kubeseal `--raw`): base64 of the hybrid ciphertext under the label of `scope`. */
export function sealRawValue(value: Uint8Array, publicKey: KeyObject, target: { scope: SealingScope; namespace?: string; name?: string }): string {
  if (target.scope !== SealingScope.ClusterWide && !target.namespace) {
    throw new SealingError(SealingErrorReason.InvalidInput, 'must provide the --namespace flag with --raw and --scope ' + target.scope);
  }
  if (target.scope === SealingScope.Strict && !target.name) {
    throw new SealingError(SealingErrorReason.InvalidInput, 'must provide the --name flag with --raw and --scope strict');
  }
  return encodeStdBase64(hybridEncrypt(publicKey, value, encryptionLabel(target.namespace ?? '', target.name ?? '', target.scope)));
}

/**
 * Merges a freshly sealed SealedSecret into an existing one (kubeseal `--merge-into`): encryptedData, template
 * labels, annotations and data of `update` win; everything else of `original` stays.
 */
export function mergeSealedSecrets(original: SealedSecret, update: SealedSecret): SealedSecret {
  const out: SealedSecret = structuredClone(original);
  out.spec.encryptedData = { ...(out.spec.encryptedData ?? {}), ...(update.spec.encryptedData ?? {}) };
  const template = (out.spec.template ??= {});
  const meta = (template.metadata ??= {});
  const upd = update.spec.template ?? {};
  if (upd.metadata?.annotations) meta.annotations = { ...(meta.annotations ?? {}), ...upd.metadata.annotations };
  if (upd.metadata?.labels) meta.labels = { ...(meta.labels ?? {}), ...upd.metadata.labels };
  if (upd.data) template.data = { ...(template.data ?? {}), ...upd.data };
  return out;
}
