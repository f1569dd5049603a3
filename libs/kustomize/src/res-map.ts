import { idEquals, idString, Resource, type ResId } from './resource';

/** An ordered set of resources, unique by current id: kustomize's ResMap. */
export class ResMap {
  readonly list: Resource[] = [];

  /** Appends a resource; its current id must not be taken. */
  append(r: Resource): void {
    const id = r.curId();
    if (this.list.some((x) => idEquals(x.curId(), id))) {
      throw new Error(`may not add resource with an already registered id: ${idString(id)}`);
    }
    this.list.push(r);
  }

  /** Appends every resource of another map. */
  appendAll(other: ResMap | Resource[]): void {
    for (const r of other instanceof ResMap ? other.list : other) this.append(r);
  }

  /** Resources whose current or any previous id satisfies `match`. */
  matchAnyId(match: (id: ResId) => boolean): Resource[] {
    return this.list.filter((r) => r.allIds().some(match));
  }

  /** The single resource that has (or had) this id; errors when none or several. */
  getById(id: ResId, what: string): Resource {
    const matches = this.matchAnyId((x) => idEquals(x, id));
    if (matches.length === 0) throw new Error(`no resource matches ${what} ${idString(id)}`);
    if (matches.length > 1) throw new Error(`multiple resources match ${what} ${idString(id)}`);
    return matches[0];
  }

  /** Removes a resource (by identity). */
  remove(r: Resource): void {
    const i = this.list.indexOf(r);
    if (i >= 0) this.list.splice(i, 1);
  }

  /** Replaces a resource in place (by identity). */
  replace(old: Resource, next: Resource): void {
    const i = this.list.indexOf(old);
    if (i < 0) throw new Error('internal: resource to replace is not in the map');
    this.list[i] = next;
  }

  /** Adds a generated resource, honouring its create/merge/replace behavior against what is already there. */
  absorb(r: Resource): void {
    const id = r.curId();
    const matches = this.matchAnyId((x) => idEquals(x, id));
    const behavior = r.behavior ?? 'create';
    if (matches.length === 0) {
      if (behavior !== 'create') throw new Error(`id ${idString(id)} does not exist; cannot merge or replace`);
      this.append(r);
      return;
    }
    if (matches.length > 1) throw new Error(`found multiple objects that could accept merge of ${idString(id)}`);
    const old = matches[0];
    if (behavior === 'create') throw new Error(`id ${idString(id)} exists; behavior must be merge or replace`);
    mergeMetadataFrom(r, old);
    if (behavior === 'merge') {
      for (const field of ['data', 'binaryData'] as const) {
        // Upstream merges the two as Go string maps: a null (or map) value reads "", a number its text.
        const merged = { ...asTextMap(old.obj[field]), ...asTextMap(r.obj[field]) };
        if (Object.keys(merged).length > 0) r.obj[field] = merged;
      }
    }
    // Upstream keeps the existing object's "needs a hash" mark and drops it when the new one disables the hash:
    // a base generated without a suffix stays without one through an overlay's merge or replace.
    const needsHash = r.needsHash && old.needsHash;
    r.copyStateFrom(old);
    r.needsHash = needsHash;
    r.behavior = undefined;
    this.replace(old, r);
  }
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** A data map as kyaml's GetDataMap reads it: each value's text, "" for null and for maps or lists. */
function asTextMap(v: unknown): Record<string, string> {
  const text = (x: unknown) => (x === null || x === undefined || typeof x === 'object' ? '' : String(x));
  return Object.fromEntries(Object.entries(asRecord(v)).map(([k, x]) => [k, text(x)]));
}

/** Labels and annotations merged (the newer wins), name and namespace taken from the existing resource. */
function mergeMetadataFrom(r: Resource, old: Resource): void {
  r.setStringMap('labels', { ...old.stringMap('labels'), ...r.stringMap('labels') });
  r.setStringMap('annotations', { ...old.stringMap('annotations'), ...r.stringMap('annotations') });
  r.setName(old.name());
  r.setNamespace(old.namespace());
}
