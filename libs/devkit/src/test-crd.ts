import { randomBytes } from 'node:crypto';
import type { KubeObject } from '@fjord/argo';

/** A group of one test file's own (`<random>.test.fjord.dev`), so that its CRDs never meet another file's. */
export function testGroup(): string {
  return `g${randomBytes(3).toString('hex')}.test.fjord.dev`;
}

/**
 * A CRD of kind Gadget in `group` as a user would keep it in Git: nested `x-kubernetes-*` keys in its schema
 * (free-form `spec.values`, an int-or-string `spec.port`, a map-typed list) and a status subresource.
 */
export function gadgetCrd(group: string): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `gadgets.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget', listKind: 'GadgetList' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  properties: {
                    values: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                    port: { 'x-kubernetes-int-or-string': true },
                    parts: {
                      type: 'array',
                      'x-kubernetes-list-type': 'map',
                      'x-kubernetes-list-map-keys': ['name'],
                      items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, size: { type: 'integer' } } },
                    },
                  },
                },
                status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
              },
            },
          },
        },
      ],
    },
  };
}

/** The schema of `spec` in a Gadget CRD (as given, or as read back from the API server). */
export function gadgetSpecSchema(crd: KubeObject): Record<string, Record<string, unknown>> {
  const versions = (
    crd.spec as { versions: { schema: { openAPIV3Schema: { properties: { spec: { properties: Record<string, Record<string, unknown>> } } } } }[] }
  ).versions;
  return versions[0].schema.openAPIV3Schema.properties.spec.properties;
}
