import type { KubeObject } from '@fjord/k8s-yaml';

/** Group, version and kind of an object (group '' is the core group). */
export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

/** The identity kustomize tracks for a resource: its GVK, name and namespace. */
export interface ResId extends Gvk {
  name: string;
  namespace: string;
}

/** How a generated resource combines with an existing one of the same id. */
export type GeneratorBehavior = 'create' | 'merge' | 'replace';

/** Kinds the built-in Kubernetes schema (v1.21.2, as embedded in kustomize) knows as cluster-scoped, by apiVersion. */
const CLUSTER_SCOPED: Record<string, string[]> = {
  MutatingWebhookConfiguration: ['admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1beta1'],
  ValidatingWebhookConfiguration: ['admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1beta1'],
  ValidatingAdmissionPolicy: ['admissionregistration.k8s.io/v1'],
  ValidatingAdmissionPolicyBinding: ['admissionregistration.k8s.io/v1'],
  CustomResourceDefinition: ['apiextensions.k8s.io/v1', 'apiextensions.k8s.io/v1beta1'],
  APIService: ['apiregistration.k8s.io/v1', 'apiregistration.k8s.io/v1beta1'],
  CertificateSigningRequest: ['certificates.k8s.io/v1', 'certificates.k8s.io/v1beta1'],
  FlowSchema: ['flowcontrol.apiserver.k8s.io/v1beta1'],
  PriorityLevelConfiguration: ['flowcontrol.apiserver.k8s.io/v1beta1'],
  IngressClass: ['networking.k8s.io/v1', 'networking.k8s.io/v1beta1'],
  RuntimeClass: ['node.k8s.io/v1', 'node.k8s.io/v1beta1'],
  ClusterRole: ['rbac.authorization.k8s.io/v1', 'rbac.authorization.k8s.io/v1beta1'],
  ClusterRoleBinding: ['rbac.authorization.k8s.io/v1', 'rbac.authorization.k8s.io/v1beta1'],
  PriorityClass: ['scheduling.k8s.io/v1', 'scheduling.k8s.io/v1beta1'],
  CSIDriver: ['storage.k8s.io/v1', 'storage.k8s.io/v1beta1'],
  CSINode: ['storage.k8s.io/v1', 'storage.k8s.io/v1beta1'],
  StorageClass: ['storage.k8s.io/v1', 'storage.k8s.io/v1beta1'],
  VolumeAttachment: ['storage.k8s.io/v1', 'storage.k8s.io/v1beta1'],
  ComponentStatus: ['v1'],
  Namespace: ['v1'],
  Node: ['v1'],
  NodeProxyOptions: ['v1'],
  PersistentVolume: ['v1'],
};

/** Kinds that a custom `crds`/`openapi` declaration made cluster-scoped, keyed `apiVersion|kind`. */
export type ScopeOverrides = ReadonlySet<string>;

/** True when kustomize is certain the GVK is cluster-scoped (unknown kinds count as namespaced). */
export function isClusterScoped(gvk: Gvk): boolean {
  const versions = CLUSTER_SCOPED[gvk.kind];
  return versions !== undefined && versions.includes(apiVersionOf(gvk));
}

/** `group/version`, or just `version` for the core group. */
export function apiVersionOf(gvk: Gvk): string {
  return gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
}

/** Splits an apiVersion into group and version. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i >= 0 ? { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) } : { group: '', version: apiVersion };
}

const NOT_NAMESPACED = '_non_namespaceable_';

/** The namespace used to compare ids: 'default' for unset, a sentinel for cluster-scoped kinds. */
export function effectiveNamespace(id: ResId): string {
  if (isClusterScoped(id)) return NOT_NAMESPACED;
  return id.namespace === '' || id.namespace === 'default' ? 'default' : id.namespace;
}

/** Whether two ids name the same object (exact GVK, name, effective namespace). */
export function idEquals(a: ResId, b: ResId): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind && a.name === b.name && effectiveNamespace(a) === effectiveNamespace(b);
}

/** kustomize's `Kind.version.group/name.namespace` rendering of an id, used in messages and sorting. */
export function idString(id: ResId): string {
  return `${gvkString(id)}/${id.name || '[noName]'}.${id.namespace || '[noNs]'}`;
}

/** kustomize's `Kind.version.group` rendering of a GVK. */
export function gvkString(g: Gvk): string {
  return `${g.kind || '[noKind]'}.${g.version || '[noVer]'}.${g.group || '[noGrp]'}`;
}

/** Whether `gvk` matches a selector whose empty fields match anything. */
export function gvkSelected(gvk: Gvk, selector: Partial<Gvk> | undefined): boolean {
  if (!selector) return true;
  if (selector.group && selector.group !== gvk.group) return false;
  if (selector.version && selector.version !== gvk.version) return false;
  if (selector.kind && selector.kind !== gvk.kind) return false;
  return true;
}

interface PrevId {
  kind: string;
  name: string;
  namespace: string;
}

/** One object in a build, with the bookkeeping kustomize keeps beside it (name history, prefixes, hash need). */
export class Resource {
  /** Names, kinds and namespaces the object had before each rename, oldest first. */
  private prev: PrevId[] = [];
  /** Name prefixes and suffixes applied so far, innermost first. */
  prefixes: string[] = [];
  suffixes: string[] = [];
  /** Generated ConfigMap/Secret that gets the content-hash suffix at the end of the build. */
  needsHash = false;
  /** Set on generated resources: how to combine with an existing resource of the same id. */
  behavior: GeneratorBehavior | undefined;
  /** Names of vars this resource was referenced by (vars are resolved at the end). */
  refVarNames: string[] = [];

  constructor(public obj: KubeObject) {}

  /**
   * Forgets what kustomize keeps in its build annotations (earlier ids, prefixes and suffixes, the hash mark): a
   * strategic merge patch with `metadata.annotations: null` wipes those along with the object's own annotations.
   */
  forgetBuildHistory(): void {
    this.prev = [];
    this.prefixes = [];
    this.suffixes = [];
    this.needsHash = false;
  }

  /** The object's current id. */
  curId(): ResId {
    const { group, version } = parseApiVersion(typeof this.obj.apiVersion === 'string' ? this.obj.apiVersion : '');
    return { group, version, kind: this.kind(), name: this.name(), namespace: this.namespace() };
  }

  /** Ids the object had before renames, oldest first (GVK taken from the current apiVersion, as kustomize does). */
  prevIds(): ResId[] {
    const { group, version } = parseApiVersion(typeof this.obj.apiVersion === 'string' ? this.obj.apiVersion : '');
    return this.prev.map((p) => ({ group, version, kind: p.kind, name: p.name, namespace: p.namespace }));
  }

  /** The original id: the first previous id, or the current one. */
  orgId(): ResId {
    return this.prevIds()[0] ?? this.curId();
  }

  /** The current id followed by every previous id. */
  allIds(): ResId[] {
    return [this.curId(), ...this.prevIds()];
  }

  /** Records the current id in the history before a transformer renames the object. */
  storePreviousId(): void {
    const id = this.curId();
    this.prev.push({ kind: id.kind, name: id.name, namespace: effectiveNamespace(id) });
  }

  kind(): string {
    return typeof this.obj.kind === 'string' ? this.obj.kind : '';
  }

  name(): string {
    const n = this.meta().name;
    return typeof n === 'string' ? n : '';
  }

  namespace(): string {
    const n = this.meta().namespace;
    return typeof n === 'string' ? n : '';
  }

  /** metadata, created when missing. */
  meta(): Record<string, unknown> {
    if (!this.obj.metadata || typeof this.obj.metadata !== 'object') this.obj.metadata = {};
    return this.obj.metadata as Record<string, unknown>;
  }

  setName(name: string): void {
    this.meta().name = name;
  }

  setNamespace(ns: string): void {
    if (ns) this.meta().namespace = ns;
    else delete this.meta().namespace;
  }

  /** A string map under metadata (labels or annotations), empty when absent. */
  stringMap(field: 'labels' | 'annotations'): Record<string, string> {
    const m = this.meta()[field];
    return m && typeof m === 'object' ? (m as Record<string, string>) : {};
  }

  /** Replaces a metadata string map; an empty map removes the field. */
  setStringMap(field: 'labels' | 'annotations', value: Record<string, string>): void {
    if (Object.keys(value).length === 0) delete this.meta()[field];
    else this.meta()[field] = value;
  }

  /** A deep copy, bookkeeping included. */
  clone(): Resource {
    const r = new Resource(structuredClone(this.obj));
    r.copyStateFrom(this);
    return r;
  }

  /** Copies the bookkeeping (not the object) from another resource. */
  copyStateFrom(other: Resource): void {
    this.prev = other.prev.map((p) => ({ ...p }));
    this.prefixes = [...other.prefixes];
    this.suffixes = [...other.suffixes];
    this.needsHash = other.needsHash;
    this.refVarNames = [...other.refVarNames];
  }
}
