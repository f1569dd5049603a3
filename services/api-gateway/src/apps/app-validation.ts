import { InputError } from '@fjord/platform';
import type { Application } from '@fjord/argo';

const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : isObject(v) ? 'an object' : `a ${typeof v}`);
const present = (v: unknown) => v !== undefined && v !== null;

/** An InputError naming the field and the type it must have. */
function wrongType(field: string, expected: string, value: unknown): InputError {
  return new InputError(`field ${field} must be ${expected}, not ${typeName(value)}`);
}

function optString(obj: Json, key: string, at: string): void {
  if (present(obj[key]) && typeof obj[key] !== 'string') throw wrongType(`${at}.${key}`, 'a string', obj[key]);
}

function optBoolean(obj: Json, key: string, at: string): void {
  if (present(obj[key]) && typeof obj[key] !== 'boolean') throw wrongType(`${at}.${key}`, 'a boolean', obj[key]);
}

function optObject(obj: Json, key: string, at: string): Json | undefined {
  if (!present(obj[key])) return undefined;
  if (!isObject(obj[key])) throw wrongType(`${at}.${key}`, 'an object', obj[key]);
  return obj[key];
}

function optList(obj: Json, key: string, at: string, item: 'string' | 'object'): unknown[] | undefined {
  const v = obj[key];
  if (!present(v)) return undefined;
  if (!Array.isArray(v)) throw wrongType(`${at}.${key}`, `a list of ${item}s`, v);
  v.forEach((x, i) => {
    if (item === 'string' ? typeof x !== 'string' : !isObject(x)) throw wrongType(`${at}.${key}[${i}]`, `a${item === 'object' ? 'n' : ''} ${item}`, x);
  });
  return v;
}

function optStringMap(obj: Json, key: string, at: string): void {
  const map = optObject(obj, key, at);
  for (const [k, v] of Object.entries(map ?? {})) if (typeof v !== 'string') throw wrongType(`${at}.${key}.${k}`, 'a string', v);
}

function checkMetadata(body: Json): void {
  if (!isObject(body.metadata)) throw wrongType('metadata', 'an object', body.metadata);
  const m = body.metadata;
  if (typeof m.name !== 'string') throw wrongType('metadata.name', 'a string', m.name);
  if (!NAME.test(m.name)) throw new InputError('field metadata.name must be a DNS subdomain name (lower-case letters, digits, "-" and ".")');
  for (const key of ['namespace', 'resourceVersion', 'uid']) optString(m, key, 'metadata');
  optStringMap(m, 'labels', 'metadata');
  optStringMap(m, 'annotations', 'metadata');
  optList(m, 'finalizers', 'metadata', 'string');
}

function checkSource(source: Json, at: string): void {
  if (typeof source.repoURL !== 'string' || !source.repoURL) {
    throw present(source.repoURL) && typeof source.repoURL !== 'string'
      ? wrongType(`${at}.repoURL`, 'a string', source.repoURL)
      : new InputError(`field ${at}.repoURL is required`);
  }
  for (const key of ['path', 'targetRevision', 'chart', 'ref', 'name']) optString(source, key, at);
  for (const key of ['directory', 'kustomize', 'helm', 'plugin']) optObject(source, key, at);
}

function checkSyncPolicy(spec: Json): void {
  const policy = optObject(spec, 'syncPolicy', 'spec');
  if (!policy) return;
  const automated = optObject(policy, 'automated', 'spec.syncPolicy');
  for (const key of ['prune', 'selfHeal', 'allowEmpty', 'enabled']) if (automated) optBoolean(automated, key, 'spec.syncPolicy.automated');
  optList(policy, 'syncOptions', 'spec.syncPolicy', 'string');
  optObject(policy, 'retry', 'spec.syncPolicy');
  optObject(policy, 'managedNamespaceMetadata', 'spec.syncPolicy');
}

/**
 * Checks the JSON types of an Application body before anything reads it, naming the first wrong field:
 * metadata (name a DNS subdomain, labels and annotations maps of strings), spec.project a string, spec.source /
 * spec.sources[i] objects with a string repoURL, spec.destination an object of strings, syncPolicy's booleans and
 * lists, ignoreDifferences a list of objects, revisionHistoryLimit a non-negative integer.
 */
export function validateAppFields(body: unknown): Application {
  if (!isObject(body)) throw wrongType('the application', 'an object', body);
  checkMetadata(body);
  if (!isObject(body.spec)) throw present(body.spec) ? wrongType('spec', 'an object', body.spec) : new InputError('field spec is required');
  const spec = body.spec;
  optString(spec, 'project', 'spec');
  const source = optObject(spec, 'source', 'spec');
  if (source) checkSource(source, 'spec.source');
  optList(spec, 'sources', 'spec', 'object')?.forEach((s, i) => checkSource(s as Json, `spec.sources[${i}]`));
  const destination = optObject(spec, 'destination', 'spec');
  for (const key of ['server', 'name', 'namespace']) if (destination) optString(destination, key, 'spec.destination');
  checkSyncPolicy(spec);
  optList(spec, 'ignoreDifferences', 'spec', 'object');
  optObject(spec, 'info', 'spec');
  const limit = spec.revisionHistoryLimit;
  if (present(limit) && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0)) {
    throw typeof limit === 'number'
      ? new InputError(`field spec.revisionHistoryLimit must be a non-negative integer, not ${limit}`)
      : wrongType('spec.revisionHistoryLimit', 'a non-negative integer', limit);
  }
  return body as unknown as Application;
}
