import fc from 'fast-check';
import type { KubeObject } from '@fjord/k8s-yaml';
import { applyIgnoreDifferences, compileIgnoreDifferences, ignoredPaths, keepIgnoredFields } from './ignore-differences';

const key = { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web' };
const deployment = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec,
});

/** A Deployment spec with an `app` and a `sidecar` container of the given images. */
const appSpec = (o: { replicas: number; paused: boolean; app: string; sidecar: string }) => ({
  replicas: o.replicas,
  paused: o.paused,
  template: {
    spec: {
      containers: [
        { name: 'app', image: o.app },
        { name: 'sidecar', image: o.sidecar },
      ],
    },
  },
});

describe('keepIgnoredFields (RespectIgnoreDifferences)', () => {
  it('gives ignored fields their live values and leaves every other field as Git has it', () => {
    const compiled = compileIgnoreDifferences([
      {
        group: 'apps',
        kind: 'Deployment',
        jsonPointers: ['/spec/replicas'],
        jqPathExpressions: ['.spec.template.spec.containers[] | select(.name == "sidecar") | .image'],
      },
    ]);
    const target = deployment(appSpec({ replicas: 2, paused: false, app: 'app:v2', sidecar: 'proxy:v1' }));
    const live = deployment(appSpec({ replicas: 5, paused: true, app: 'app:v1', sidecar: 'proxy:v9' }));
    const out = keepIgnoredFields(compiled, key, target, live);
    expect(out.spec).toEqual(appSpec({ replicas: 5, paused: false, app: 'app:v2', sidecar: 'proxy:v9' }));
    expect((target.spec as { replicas: number }).replicas).toBe(2); // the target is not changed in place
  });

  it('drops an ignored field the live object lacks, and creates the parents of one only the live object has', () => {
    const compiled = compileIgnoreDifferences([{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas', '/metadata/annotations/owner'] }]);
    const live = deployment({});
    live.metadata = { ...live.metadata, annotations: { owner: 'team-a' } };
    const out = keepIgnoredFields(compiled, key, deployment({ replicas: 3 }), live);
    expect(out.spec).toEqual({});
    expect(out.metadata?.annotations).toEqual({ owner: 'team-a' });
  });

  it("gives fields owned by a managedFieldsManagers manager their live values, not other managers' fields", () => {
    const compiled = compileIgnoreDifferences([{ group: 'apps', kind: 'Deployment', managedFieldsManagers: ['hpa-controller'] }]);
    const live = deployment({ replicas: 6, paused: true });
    live.metadata = {
      ...live.metadata,
      managedFields: [
        { manager: 'hpa-controller', operation: 'Update', apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } },
        { manager: 'kubectl-edit', operation: 'Update', apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:paused': {} } } },
      ],
    };
    expect(keepIgnoredFields(compiled, key, deployment({ replicas: 2, paused: false }), live).spec).toEqual({ replicas: 6, paused: false });
  });

  it('leaves objects that no entry matches unchanged', () => {
    const compiled = compileIgnoreDifferences([{ group: 'apps', kind: 'StatefulSet', jsonPointers: ['/spec/replicas'] }]);
    const target = deployment({ replicas: 2 });
    expect(keepIgnoredFields(compiled, key, target, deployment({ replicas: 7 }))).toEqual(target);
    expect(ignoredPaths(compiled, key, target)).toEqual([]);
  });

  const value = fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.constant(null), fc.dictionary(fc.constantFrom('x', 'y'), fc.integer(), { maxKeys: 2 }));
  const spec = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e'), value, { maxKeys: 5 });

  it('property: ignored fields end as live has them; after ignoring them, the result equals the target', () => {
    fc.assert(
      fc.property(spec, spec, fc.subarray(['a', 'b', 'c', 'd', 'e']), (targetSpec, liveSpec, ignored) => {
        const compiled = compileIgnoreDifferences([{ group: 'apps', kind: 'Deployment', jsonPointers: ignored.map((k) => `/spec/${k}`) }]);
        const target = deployment(targetSpec);
        const out = keepIgnoredFields(compiled, key, target, deployment(liveSpec));
        const outSpec = out.spec as Record<string, unknown>;
        for (const k of ignored) expect(outSpec[k]).toEqual(liveSpec[k]);
        expect(
          Object.keys(outSpec)
            .filter((k) => ignored.includes(k))
            .sort(),
        ).toEqual(
          Object.keys(liveSpec)
            .filter((k) => ignored.includes(k))
            .sort(),
        );
        const strippedOut = structuredClone(out);
        const strippedTarget = structuredClone(target);
        applyIgnoreDifferences(compiled, key, strippedOut);
        applyIgnoreDifferences(compiled, key, strippedTarget);
        expect(strippedOut).toEqual(strippedTarget);
      }),
      { seed: 4_016, numRuns: 300 },
    );
  });
});
