import { createHash } from 'node:crypto';
import type { KubeObject } from '@fjord/k8s-yaml';
import { goJsonMarshal } from './go-json';

/** kustomize's name-suffix hash of a generated ConfigMap or Secret (or any object, hashed whole). */
export function nameHash(obj: KubeObject): string {
  return encodeHash(createHash('sha256').update(hashInput(obj)).digest('hex'));
}

/**
 * The JSON kustomize hashes. Two quirks are deliberate: the name is always "" (upstream looks up "metadata/name"
 * as one field name), and a missing field hashes as "".
 */
export function hashInput(obj: KubeObject): string {
  const present = (v: unknown): unknown => (v === undefined ? '' : v);
  if (obj.kind === 'ConfigMap') {
    const m: Record<string, unknown> = { kind: 'ConfigMap', name: '', data: present(obj.data) };
    if (isObject(obj.binaryData)) m.binaryData = obj.binaryData;
    return goJsonMarshal(m);
  }
  if (obj.kind === 'Secret') {
    const m: Record<string, unknown> = { kind: 'Secret', type: present(obj.type), name: '', data: present(obj.data) };
    if (isObject(obj.stringData)) m.stringData = obj.stringData;
    return goJsonMarshal(m);
  }
  return goJsonMarshal(obj);
}

function isObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const HASH_LETTERS: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };

/** The first 10 hex digits, with the vowel-and-confusable digits swapped for letters (no words, no 0/1/3 mix-ups). */
export function encodeHash(hex: string): string {
  if (hex.length < 10) throw new Error('input length must be at least 10');
  return [...hex.slice(0, 10)].map((c) => HASH_LETTERS[c] ?? c).join('');
}
