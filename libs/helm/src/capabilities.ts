/** `.Capabilities`: the Kubernetes version, API versions and Helm version templates may inspect. */
import { goFunc, GoStruct, withGoMethods, withGoType } from '@fjord/go-template';

/** A parsed Kubernetes version as Helm keeps it. */
export interface KubeVersion {
  /** As given, with a `v` prefix (GitVersion), e.g. `v1.33.4-gke.1245000`. */
  version: string;
  /** Numeric components only, e.g. `v1.33.4` (used for `kubeVersion` constraints). */
  normalized: string;
  major: string;
  minor: string;
}

/** The Kubernetes version `helm template` v4.2.4 assumes when none is given. */
export const DEFAULT_KUBE_VERSION = 'v1.36.0';

/** The Helm version reported in `.Capabilities.HelmVersion`. */
export const HELM_VERSION = { Version: 'v4.2.4', GitCommit: '', GitTreeState: '', GoVersion: 'go1.26.8', KubeClientVersion: 'v1.36' };

/** The API versions `helm template` v4.2.4 reports by default (client-go's scheme plus apiextensions). */
export const DEFAULT_API_VERSIONS: readonly string[] = [
  'v1',
  'admissionregistration.k8s.io/v1',
  'admissionregistration.k8s.io/v1alpha1',
  'admissionregistration.k8s.io/v1beta1',
  'internal.apiserver.k8s.io/v1alpha1',
  'apps/v1',
  'apps/v1beta1',
  'apps/v1beta2',
  'authentication.k8s.io/v1',
  'authentication.k8s.io/v1alpha1',
  'authentication.k8s.io/v1beta1',
  'authorization.k8s.io/v1',
  'authorization.k8s.io/v1beta1',
  'autoscaling/v1',
  'autoscaling/v2',
  'batch/v1',
  'batch/v1beta1',
  'certificates.k8s.io/v1',
  'certificates.k8s.io/v1beta1',
  'certificates.k8s.io/v1alpha1',
  'coordination.k8s.io/v1alpha2',
  'coordination.k8s.io/v1beta1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'discovery.k8s.io/v1beta1',
  'events.k8s.io/v1',
  'events.k8s.io/v1beta1',
  'extensions/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1beta2',
  'flowcontrol.apiserver.k8s.io/v1beta3',
  'networking.k8s.io/v1',
  'networking.k8s.io/v1beta1',
  'node.k8s.io/v1',
  'node.k8s.io/v1alpha1',
  'node.k8s.io/v1beta1',
  'policy/v1',
  'policy/v1beta1',
  'rbac.authorization.k8s.io/v1',
  'rbac.authorization.k8s.io/v1beta1',
  'rbac.authorization.k8s.io/v1alpha1',
  'resource.k8s.io/v1',
  'resource.k8s.io/v1beta2',
  'resource.k8s.io/v1beta1',
  'resource.k8s.io/v1alpha3',
  'scheduling.k8s.io/v1alpha2',
  'scheduling.k8s.io/v1beta1',
  'scheduling.k8s.io/v1',
  'storage.k8s.io/v1beta1',
  'storage.k8s.io/v1',
  'storage.k8s.io/v1alpha1',
  'storagemigration.k8s.io/v1beta1',
  'apiextensions.k8s.io/v1beta1',
  'apiextensions.k8s.io/v1',
];

/** Parses a Kubernetes version as k8s.io/apimachinery's ParseGeneric does (at least major.minor). */
export function parseKubeVersion(input: string): KubeVersion {
  const m = /^\s*v?([0-9]+(?:\.[0-9]+)*)(.*)$/.exec(input);
  if (!m) throw new Error(`could not parse "${input}" as version`);
  const parts = m[1].split('.');
  if (parts.length < 2) throw new Error(`illegal version string "${input}"`);
  for (const p of parts) if (p.length > 1 && p.startsWith('0')) throw new Error(`illegal zero-prefixed version component "${p}" in "${input}"`);
  const nums = parts.map((p) => BigInt(p).toString());
  return {
    version: input.startsWith('v') ? input : `v${input}`,
    normalized: `v${nums.join('.')}`,
    major: nums[0],
    minor: nums[1],
  };
}

/** Builds the `.Capabilities` value (a *common.Capabilities with KubeVersion, APIVersions.Has, HelmVersion). */
export function capabilitiesValue(kube: KubeVersion, apiVersions: readonly string[]): GoStruct {
  const kubeStruct = new GoStruct(
    'common.KubeVersion',
    { Version: kube.version, Major: kube.major, Minor: kube.minor },
    { String: goFunc('func() string', () => kube.normalized), GitVersion: goFunc('func() string', () => kube.version) },
    () => kube.normalized,
  );
  const list = withGoType([...apiVersions], '[]string');
  withGoMethods(list, { Has: goFunc('func(string) bool', (v: string) => list.includes(v)) });
  const helm = new GoStruct('version.BuildInfo', { ...HELM_VERSION });
  return new GoStruct('*common.Capabilities', { KubeVersion: kubeStruct, APIVersions: list, HelmVersion: helm });
}
