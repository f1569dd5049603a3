// Test helpers: read the shared corpus in place and build comparisons with the real diff engine.
import { diffResources, setTracking, type ResourceDiff } from '@fjord/diff';
import { isHook } from '@fjord/health';
import { parseManifests, type KubeObject } from '@fjord/k8s-yaml';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The shared corpus, beside the repository (never copied). */
export const CORPUS = resolve(__dirname, '../../../../shared/corpus');
/** This lib's testdata. */
export const TESTDATA = resolve(__dirname, '../testdata');

/** All manifests of a corpus directory (YAML files, sorted by name), parsed. */
export function loadCorpusDir(dir: string): KubeObject[] {
  const abs = join(CORPUS, dir);
  return readdirSync(abs)
    .filter((f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml')
    .sort()
    .flatMap((f) => parseManifests(readFileSync(join(abs, f), 'utf8'), `${dir}/${f}`));
}

/** The manifests of a testdata file. */
export function loadTestdata(file: string): KubeObject[] {
  return parseManifests(readFileSync(join(TESTDATA, file), 'utf8'), file);
}

/** Desired objects with the app's tracking id set, as the controller hands them to the planner. */
export function track(objs: readonly KubeObject[], app = 'guestbook', namespace = 'default'): KubeObject[] {
  return objs.map((o) => setTracking(o, { name: app, destinationNamespace: namespace }));
}

/** A live copy of a desired object, namespaced like the cluster would store it, optionally with a status. */
export function liveOf(obj: KubeObject, namespace = 'default', status?: Record<string, unknown>): KubeObject {
  const live = structuredClone(obj);
  const namespaced = !['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition'].includes(obj.kind ?? '');
  live.metadata = { ...live.metadata, ...(namespaced && !live.metadata?.namespace ? { namespace } : {}), uid: `uid-${live.metadata?.name}` };
  if (!namespaced) delete live.metadata!.namespace;
  if (status) live.status = status;
  return live;
}

/** Compares desired objects with live ones using @fjord/diff (hooks excluded from live unless given). */
export function compare(desired: readonly KubeObject[], live: readonly KubeObject[], app = 'guestbook', namespace = 'default'): ResourceDiff[] {
  return diffResources(desired, live, { appName: app, namespace });
}

/** Plain (non-hook) desired objects. */
export const resourcesOnly = (objs: readonly KubeObject[]) => objs.filter((o) => !isHook(o));
