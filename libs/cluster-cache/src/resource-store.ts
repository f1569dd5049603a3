import type { LiveNode, OwnerLink } from './live-node';
import { groupKindId } from './resource-key';
import { ChangeType, type KubeObject, type ResourceKey, type TreeNode } from './types';

/** A change the store applied, with the apps it concerns (before batching). */
export interface StoreChange {
  type: ChangeType;
  key: ResourceKey;
  apps: string[];
}

/** Tells whether a kind is namespaced, to name owners the cache has not seen. */
export type ScopeLookup = (group: string, kind: string) => boolean | undefined;

/** How far up the owner chain a change looks for a tracked ancestor. */
const MAX_OWNER_DEPTH = 32;

/**
 * The in-memory index of live resources: nodes by key, uid → key to resolve owner references, owner uid →
 * children to serve trees, app → managed keys, and kind → keys to apply relists. Pure data, no I/O.
 */
export class ResourceStore {
  private readonly nodes = new Map<string, LiveNode>();
  private readonly idByUid = new Map<string, string>();
  private readonly childrenByUid = new Map<string, Set<string>>();
  private readonly idsByApp = new Map<string, Set<string>>();
  private readonly idsByKind = new Map<string, Set<string>>();
  private tracked = 0;

  constructor(private readonly isNamespaced: ScopeLookup = () => undefined) {}

  /** Resources cached. */
  get size(): number {
    return this.nodes.size;
  }

  /** Resources an app tracks. */
  get trackedCount(): number {
    return this.tracked;
  }

  /** The node of a resource. */
  get(id: string): LiveNode | undefined {
    return this.nodes.get(id);
  }

  /** Adds or replaces a node; undefined when nothing changed (same uid, version and resourceVersion). */
  upsert(node: LiveNode): StoreChange | undefined {
    const prev = this.nodes.get(node.id);
    if (prev && prev.uid === node.uid && prev.resourceVersion === node.resourceVersion && prev.version === node.version) return undefined;
    const before = prev ? this.appsOf(prev) : [];
    if (prev) this.unindex(prev);
    this.nodes.set(node.id, node);
    this.index(node);
    const apps = union(before, this.appsOf(node));
    return { type: prev ? ChangeType.Modified : ChangeType.Added, key: node.key, apps };
  }

  /** Removes a resource; undefined when it was not cached. */
  remove(id: string): StoreChange | undefined {
    const prev = this.nodes.get(id);
    if (!prev) return undefined;
    const apps = this.appsOf(prev);
    this.unindex(prev);
    this.nodes.delete(id);
    return { type: ChangeType.Deleted, key: prev.key, apps };
  }

  /** Makes the cached objects of one kind equal to a fresh list: adds, updates, and deletes what vanished. */
  replaceKind(kindId: string, nodes: LiveNode[]): StoreChange[] {
    const changes: StoreChange[] = [];
    const listed = new Set<string>();
    for (const node of nodes) {
      listed.add(node.id);
      const change = this.upsert(node);
      if (change) changes.push(change);
    }
    for (const id of [...(this.idsByKind.get(kindId) ?? [])]) {
      if (listed.has(id)) continue;
      const change = this.remove(id);
      if (change) changes.push(change);
    }
    return changes;
  }

  /** Forgets every object of a kind (the kind left the API). */
  removeKind(kindId: string): StoreChange[] {
    return this.replaceKind(kindId, []);
  }

  /** The full objects an app tracks. */
  managedBy(app: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const id of this.idsByApp.get(app) ?? []) {
      const obj = this.nodes.get(id)?.object;
      if (obj) out.push(obj);
    }
    return out;
  }

  /** The apps a change of this node concerns: its own app, or the apps of its nearest tracked ancestors. */
  appsOf(node: LiveNode): string[] {
    if (node.app !== undefined) return [node.app];
    const apps = new Set<string>();
    const seen = new Set<string>([node.uid]);
    let frontier: OwnerLink[] = node.owners;
    for (let depth = 0; frontier.length && depth < MAX_OWNER_DEPTH; depth++) {
      const next: OwnerLink[] = [];
      for (const owner of frontier) {
        if (seen.has(owner.uid)) continue;
        seen.add(owner.uid);
        const ownerId = this.idByUid.get(owner.uid);
        const ownerNode = ownerId === undefined ? undefined : this.nodes.get(ownerId);
        if (!ownerNode) continue;
        if (ownerNode.app !== undefined) apps.add(ownerNode.app);
        else next.push(...ownerNode.owners);
      }
      frontier = next;
    }
    return [...apps];
  }

  /** An app's managed resources and their descendants (children tracked by another app are left out). */
  tree(app: string): TreeNode[] {
    const out: TreeNode[] = [];
    const seen = new Set<string>();
    const queue = [...(this.idsByApp.get(app) ?? [])];
    while (queue.length) {
      const id = queue.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const node = this.nodes.get(id);
      if (!node) continue;
      out.push(this.toTreeNode(node));
      for (const childId of this.childrenByUid.get(node.uid) ?? []) {
        const child = this.nodes.get(childId);
        if (child && (child.app === undefined || child.app === app)) queue.push(childId);
      }
    }
    return out;
  }

  private toTreeNode(node: LiveNode): TreeNode {
    return {
      key: node.key,
      version: node.version,
      uid: node.uid,
      resourceVersion: node.resourceVersion,
      parents: node.owners.map((o) => this.ownerKey(o, node.key.namespace)),
      health: node.health,
      images: node.images,
      createdAt: node.createdAt,
    };
  }

  /** The key of an owner: the cached owner's, or built from the reference (owners live in the child's namespace unless cluster-scoped). */
  private ownerKey(owner: OwnerLink, childNamespace: string): ResourceKey {
    const id = this.idByUid.get(owner.uid);
    const cached = id === undefined ? undefined : this.nodes.get(id);
    if (cached) return cached.key;
    const namespaced = this.isNamespaced(owner.group, owner.kind) ?? true;
    return { group: owner.group, kind: owner.kind, namespace: namespaced ? childNamespace : '', name: owner.name };
  }

  private index(node: LiveNode): void {
    if (node.uid) this.idByUid.set(node.uid, node.id);
    for (const owner of node.owners) addTo(this.childrenByUid, owner.uid, node.id);
    addTo(this.idsByKind, groupKindId(node.key), node.id);
    if (node.app !== undefined) {
      addTo(this.idsByApp, node.app, node.id);
      this.tracked++;
    }
  }

  private unindex(node: LiveNode): void {
    if (node.uid && this.idByUid.get(node.uid) === node.id) this.idByUid.delete(node.uid);
    for (const owner of node.owners) removeFrom(this.childrenByUid, owner.uid, node.id);
    removeFrom(this.idsByKind, groupKindId(node.key), node.id);
    if (node.app !== undefined) {
      removeFrom(this.idsByApp, node.app, node.id);
      this.tracked--;
    }
  }
}

function addTo(index: Map<string, Set<string>>, key: string, id: string): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(id);
}

function removeFrom(index: Map<string, Set<string>>, key: string, id: string): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) index.delete(key);
}

function union(a: string[], b: string[]): string[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  return [...new Set([...a, ...b])];
}
