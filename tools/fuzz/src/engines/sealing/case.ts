/**
 * Random Secrets for the sealing fuzzer: names and namespaces (mostly Kubernetes-shaped, sometimes odd: the
 * encryption label is made of them), one of the three scopes (by annotation, as kubeseal reads it from the input),
 * data and stringData items (empty, long, binary, unicode; a key sometimes in both), labels, annotations, type and
 * immutable.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { SEALING_SCOPES, SealedSecretsAnnotation, SealingScope, type Secret } from '@fjord/sealing';

/**
 * One case: the Secret, the scope it is sealed in (by its annotations or by kubeseal's `--scope` flag), and the
 * format the Secret and both SealedSecrets travel in.
 */
export interface SealingCase {
  scope: SealingScope;
  /** With `flag`, the scope is given as `--scope` (Fjord: the `scope` option) and the Secret has no scope annotation. */
  scopeBy: 'annotation' | 'flag';
  /**
   * `json`: the Secret as JSON, SealedSecrets printed as JSON. `yaml`: the Secret as YAML written without YAML 1.1
   * in mind (as people write it: `enabled: yes` unquoted), SealedSecrets printed as YAML (`-o yaml`).
   */
  format: 'json' | 'yaml';
  secret: Secret;
}

/** Plain scalars YAML 1.1 (Go's parsers, kubectl, kubeseal) reads as something other than the string. */
const yaml11Words = fc.constantFrom('y', 'n', 'yes', 'no', 'on', 'off', 'true', 'False', 'null', '~', '0x1F', '1e3', '0777', '.inf', '1_000', '12:30');

const dnsChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789');
const dnsLabel = fc
  .tuple(dnsChar, fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'), maxLength: 20 }), dnsChar)
  .map(([a, mid, b]) => `${a}${mid}${b}`);

/** A metadata name or namespace: DNS-shaped, at the length limits, or odd (unicode, spaces, slashes). */
const objectName = fc.oneof(
  { weight: 6, arbitrary: dnsLabel },
  { weight: 1, arbitrary: fc.constant('a'.repeat(253)) },
  { weight: 1, arbitrary: fc.array(dnsLabel, { minLength: 2, maxLength: 4 }).map((parts) => parts.join('.')) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('a/b', 'ünïcødé', 'with space', '日本', 'x'.repeat(64)) },
  { weight: 1, arbitrary: fc.constantFrom('y', 'n', 'on', 'off', 'yes', 'no', '1e3', '0777') },
);

/** A data key: Kubernetes' `[-._a-zA-Z0-9]+`, or something kubeseal passes through anyway. */
const itemKey = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._'), minLength: 1, maxLength: 24 }),
  },
  { weight: 1, arbitrary: fc.constantFrom('.dockerconfigjson', 'tls.crt', 'ca.crt', '_', '-', 'k'.repeat(253)) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }) },
  { weight: 1, arbitrary: yaml11Words },
);

/** Bytes of a data item: empty, short, binary, a long run (a certificate's size and more), UTF-8 text. */
const itemBytes = fc.oneof(
  { weight: 1, arbitrary: fc.constant(new Uint8Array()) },
  { weight: 4, arbitrary: fc.uint8Array({ maxLength: 64 }) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1000, maxLength: 20_000 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))) },
);

/** A stringData value: empty, ASCII, any unicode (control characters too), long, multi-line. */
const itemText = fc.oneof(
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 3, arbitrary: fc.string({ maxLength: 64 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 64 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 500, maxLength: 5000 }) },
  { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 40 }), { maxLength: 8 }).map((lines) => lines.join('\n')) },
  { weight: 1, arbitrary: yaml11Words },
);

const stringMap = (value: fc.Arbitrary<string>) => fc.dictionary(itemKey, value, { maxKeys: 4 });

/** Labels and annotations, with the annotations a sealed Secret carries through (and ones it drops). */
const annotations = fc.oneof(
  stringMap(fc.string({ unit: 'grapheme', maxLength: 40 })),
  fc.constant({ 'kubectl.kubernetes.io/last-applied-configuration': '{"kind":"Secret"}', note: 'kept' }),
  fc.constant({ [SealedSecretsAnnotation.Managed]: 'true' }),
);

const secretType = fc.constantFrom(undefined, 'Opaque', 'kubernetes.io/tls', 'kubernetes.io/basic-auth', 'example.com/custom', '');

/** Server-set metadata fields kubeseal strips before sealing. */
const serverFields = fc.constantFrom(
  {},
  { uid: '0e5c1a86-2d24-4f0b-9a3e-1b2c3d4e5f60', resourceVersion: '4711', creationTimestamp: '2026-12-04T00:00:00Z', generation: 3 },
);

function withScope(annotations: Record<string, string> | undefined, scope: SealingScope): Record<string, string> | undefined {
  if (scope === SealingScope.Strict) return annotations;
  const key = scope === SealingScope.NamespaceWide ? SealedSecretsAnnotation.NamespaceWide : SealedSecretsAnnotation.ClusterWide;
  return { ...annotations, [key]: 'true' };
}

/** A random Secret with at least one item, and the scope it is sealed in. */
export const sealingCase: fc.Arbitrary<SealingCase> = fc
  .record({
    scope: fc.constantFrom(...SEALING_SCOPES),
    scopeBy: fc.constantFrom<SealingCase['scopeBy']>('annotation', 'flag'),
    format: fc.constantFrom<SealingCase['format']>('json', 'yaml'),
    name: objectName,
    namespace: objectName,
    labels: fc.option(stringMap(fc.string({ maxLength: 20 })), { nil: undefined }),
    annotations: fc.option(annotations, { nil: undefined }),
    server: serverFields,
    type: secretType,
    immutable: fc.constantFrom(undefined, true, false),
    data: fc.dictionary(itemKey, itemBytes, { maxKeys: 5 }),
    stringData: fc.dictionary(itemKey, itemText, { maxKeys: 4 }),
    /** A key in both data and stringData (stringData wins, as the API server has it). */
    shared: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.tuple(itemKey, itemBytes, itemText) }),
  })
  .filter((c) => Object.keys(c.data).length + Object.keys(c.stringData).length + (c.shared ? 1 : 0) > 0)
  .map((c) => {
    const dataEntries = Object.entries(c.data).map(([k, v]): [string, string] => [k, Buffer.from(v).toString('base64')]);
    const stringEntries = Object.entries(c.stringData);
    if (c.shared) {
      dataEntries.push([c.shared[0], Buffer.from(c.shared[1]).toString('base64')]);
      stringEntries.push([c.shared[0], c.shared[2]]);
    }
    const data = Object.fromEntries(dataEntries);
    const stringData = Object.fromEntries(stringEntries);
    const annotationsWithScope = c.scopeBy === 'annotation' ? withScope(c.annotations, c.scope) : c.annotations;
    const secret: Secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: c.name,
        namespace: c.namespace,
        ...c.server,
        ...(c.labels ? { labels: c.labels } : {}),
        ...(annotationsWithScope ? { annotations: annotationsWithScope } : {}),
      },
      ...(c.type !== undefined ? { type: c.type } : {}),
      ...(c.immutable !== undefined ? { immutable: c.immutable } : {}),
      ...(Object.keys(data).length ? { data } : {}),
      ...(Object.keys(stringData).length ? { stringData } : {}),
    };
    return { scope: c.scope, scopeBy: c.scopeBy, format: c.format, secret };
  });

/** The items a Secret holds once written: data decoded, stringData's UTF-8 over it; base64 for comparison. */
export function expectedItems(secret: Secret): Record<string, string> {
  const fromText = Object.entries(secret.stringData ?? {}).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')]);
  return Object.fromEntries([...Object.entries(secret.data ?? {}), ...fromText]);
}

/** The Secret as the text both sides read: JSON, or YAML as a person writes it (no quotes a YAML 1.2 reader does not need). */
export function secretText(c: SealingCase): string {
  return c.format === 'json' ? JSON.stringify(c.secret) : stringify(c.secret, { lineWidth: 0 });
}
