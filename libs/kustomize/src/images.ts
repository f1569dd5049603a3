import { isMap } from './field-spec';
import type { ImageSpec } from './kustomization';
import type { ResMap } from './res-map';

/** Splits an image reference into name, tag and digest, the way kustomize does. */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  const slash = image.indexOf('/');
  const offset = slash > 0 ? slash : 0;
  const search = image.slice(offset);
  let at = search.indexOf('@');
  let colon = search.indexOf(':');
  if (colon < 0 && at < 0) return { name: image, tag: '', digest: '' };
  if (at >= 0 && (at < colon || colon < 0)) {
    at += offset;
    return { name: image.slice(0, at), tag: '', digest: image.slice(at + 1) };
  }
  if (at >= 0 && colon >= 0) {
    at += offset;
    colon += offset;
    return { name: image.slice(0, colon), tag: image.slice(colon + 1, at), digest: image.slice(at + 1) };
  }
  colon += offset;
  return { name: image.slice(0, colon), tag: image.slice(colon + 1), digest: '' };
}

/** Whether `image` is the image named `name`, with any tag or digest (the name is a regular expression, as upstream). */
export function imageMatches(image: string, name: string): boolean {
  try {
    return new RegExp(`^${name}(:[a-zA-Z0-9_.{}-]*)?(@[a-zA-Z0-9]+([.+_-][a-zA-Z0-9]+)*:[a-zA-Z0-9_.{}-]*)?$`).test(image);
  } catch {
    return false;
  }
}

/** The image after applying one `images` entry, or undefined when the entry does not apply. */
export function rewriteImage(image: string, spec: ImageSpec): string | undefined {
  if (!imageMatches(image, spec.name)) return undefined;
  let { name, tag, digest } = splitImage(image);
  if (spec.newName) name = spec.newName;
  const newTag = spec.newTag === undefined || spec.newTag === null ? '' : String(spec.newTag);
  if (newTag && spec.digest) [tag, digest] = [newTag, spec.digest];
  else if (newTag) [tag, digest] = [newTag, ''];
  else if (spec.digest) [tag, digest] = ['', spec.digest];
  else if (spec.tagSuffix) [tag, digest] = [tag + spec.tagSuffix, ''];
  return name + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '');
}

/** The `images` transformer: rewrites every `containers`/`initContainers` image at any depth (CRDs excepted). */
export function applyImages(m: ResMap, specs: readonly ImageSpec[]): void {
  for (const spec of specs) {
    for (const r of m.list) {
      if (r.kind() === 'CustomResourceDefinition') continue;
      visitContainers(r.obj, (c) => {
        if (typeof c.image !== 'string') return;
        const next = rewriteImage(c.image, spec);
        if (next !== undefined) c.image = next;
      });
      visitImageVolumes(r.obj, spec);
    }
  }
}

function visitContainers(node: unknown, fn: (container: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) visitContainers(item, fn);
    return;
  }
  if (!isMap(node)) return;
  for (const [key, value] of Object.entries(node)) {
    visitContainers(value, fn);
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      for (const c of value) if (isMap(c)) fn(c);
    }
  }
}

function visitImageVolumes(obj: Record<string, unknown>, spec: ImageSpec): void {
  const specs = [obj.spec, isMap(obj.spec) && isMap(obj.spec.template) ? obj.spec.template.spec : undefined];
  for (const podSpec of specs) {
    if (!isMap(podSpec) || !Array.isArray(podSpec.volumes)) continue;
    for (const v of podSpec.volumes) {
      if (!isMap(v) || !isMap(v.image) || typeof v.image.reference !== 'string') continue;
      const next = rewriteImage(v.image.reference, spec);
      if (next !== undefined) v.image.reference = next;
    }
  }
}
