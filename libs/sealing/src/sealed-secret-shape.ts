import { decodeStdBase64 } from './base64';
import { SealingError, SealingErrorReason } from './errors';
import type { SealedSecret } from './types';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

function invalid(field: string, expected: string, value: unknown): SealingError {
  return new SealingError(SealingErrorReason.InvalidInput, `field ${field} must be ${expected}, not ${typeName(value)}`);
}

function checkStringMap(value: unknown, field: string): void {
  if (value === undefined || value === null) return;
  if (!isObject(value)) throw invalid(field, 'an object of strings', value);
  for (const [k, v] of Object.entries(value)) if (typeof v !== 'string') throw invalid(`${field}.${k}`, 'a string', v);
}

/**
 * Checks the JSON types of the SealedSecret fields that unsealing reads (metadata, spec, spec.encryptedData values,
 * spec.template, spec.data), so a wrongly typed input is refused as InvalidInput naming the field instead of being
 * coerced (a number or `null` would otherwise decode as base64 and read as a too-short ciphertext).
 */
export function checkSealedSecretShape(value: unknown): SealedSecret {
  if (!isObject(value)) throw invalid('the SealedSecret', 'an object', value);
  const { metadata, spec } = value;
  if (metadata !== undefined && metadata !== null) {
    if (!isObject(metadata)) throw invalid('metadata', 'an object', metadata);
    for (const f of ['name', 'namespace', 'uid'] as const) {
      if (metadata[f] !== undefined && metadata[f] !== null && typeof metadata[f] !== 'string') throw invalid(`metadata.${f}`, 'a string', metadata[f]);
    }
    checkStringMap(metadata.annotations, 'metadata.annotations');
    checkStringMap(metadata.labels, 'metadata.labels');
  }
  if (!isObject(spec)) throw invalid('spec', 'an object', spec);
  if (spec.encryptedData !== undefined && spec.encryptedData !== null) {
    if (!isObject(spec.encryptedData)) throw invalid('spec.encryptedData', 'an object of base64 strings', spec.encryptedData);
    for (const [k, v] of Object.entries(spec.encryptedData)) if (typeof v !== 'string') throw invalid(`spec.encryptedData.${k}`, 'a base64 string', v);
  }
  if (spec.data !== undefined && spec.data !== null && typeof spec.data !== 'string') throw invalid('spec.data', 'a base64 string', spec.data);
  const template = spec.template;
  if (template !== undefined && template !== null) {
    if (!isObject(template)) throw invalid('spec.template', 'an object', template);
    if (template.metadata !== undefined && template.metadata !== null && !isObject(template.metadata))
      throw invalid('spec.template.metadata', 'an object', template.metadata);
    checkStringMap(template.data, 'spec.template.data');
    if (template.type !== undefined && template.type !== null && typeof template.type !== 'string')
      throw invalid('spec.template.type', 'a string', template.type);
  }
  return value as unknown as SealedSecret;
}

/** Decodes one ciphertext field; malformed base64 is InvalidBase64 naming the field (`spec.encryptedData.<key>`). */
export function decodeCiphertextField(value: string, field: string): Buffer {
  try {
    return decodeStdBase64(value);
  } catch (err) {
    throw new SealingError(SealingErrorReason.InvalidBase64, `invalid base64 in field ${field}: ${(err as Error).message}`);
  }
}
