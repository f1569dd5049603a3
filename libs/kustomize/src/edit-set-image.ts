import { SourceError } from '@fjord/source-fs';
import { isMap as isYamlMap, isSeq, parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import type { ImageSpec } from './kustomization';
import { splitImage } from './images';

/** Parses `kustomize edit set image` arguments: `name=newName:tag`, `name=newName@digest`, `name=newName`, `name:tag`, `name@digest`. */
export function parseSetImageArg(arg: string): ImageSpec {
  const eq = arg.indexOf('=');
  const name = eq >= 0 ? arg.slice(0, eq) : splitImage(arg).name;
  const ref = eq >= 0 ? arg.slice(eq + 1) : arg;
  if (!name || !ref) throw new SourceError(`invalid image argument "${arg}": expected name=newName:tag, name:tag or name@digest`);
  const { name: newName, tag, digest } = splitImage(ref);
  const spec: ImageSpec = { name };
  if (eq >= 0 && newName && newName !== '*') spec.newName = newName;
  if (tag) spec.newTag = tag;
  if (digest) spec.digest = digest;
  if (eq < 0 && !tag && !digest) throw new SourceError(`invalid image argument "${arg}": no tag or digest`);
  return spec;
}

/**
 * Sets an `images` entry in kustomization.yaml text, as `kustomize edit set image` does, and returns the new text
 * with comments and layout kept. A new tag drops an old digest and vice versa.
 */
export function editSetImage(kustomizationText: string, arg: string): string {
  const spec = parseSetImageArg(arg);
  const doc = parseDocument(kustomizationText);
  if (doc.errors.length > 0) throw new SourceError(`invalid Kustomization: ${doc.errors[0].message.split('\n')[0]}`);
  if (doc.contents === null) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  if (!isYamlMap(doc.contents)) throw new SourceError('invalid Kustomization: expected a mapping');
  let images = doc.get('images', true);
  if (!isSeq(images)) {
    images = new YAMLSeq();
    doc.set('images', images);
  }
  const seq = images as YAMLSeq;
  let entry = seq.items.find((item) => isYamlMap(item) && item.get('name') === spec.name) as YAMLMap | undefined;
  if (!entry) {
    entry = doc.createNode({ name: spec.name }) as YAMLMap;
    seq.items.push(entry);
  }
  if (spec.newName) entry.set('newName', spec.newName);
  if (spec.newTag) {
    entry.set('newTag', spec.newTag);
    entry.delete('digest');
  }
  if (spec.digest) {
    entry.set('digest', spec.digest);
    entry.delete('newTag');
  }
  const compactSeq = /^([ \t]*)[^\s#-][^\n]*:[ \t]*(#.*)?\n\1- /m.test(kustomizationText);
  return doc.toString({ indentSeq: !compactSeq, flowCollectionPadding: false });
}
