/** values.schema.json validation (Helm validates every chart's schema against its part of the values). */
import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import { marshalJson } from '@fjord/sprig';
import type { Chart } from './chart';
import type { Values } from './values-file';
import { isPlainMap } from './yaml-read';

const cache = new Map<string, ValidateFunction>();
const CACHE_LIMIT = 200;

/** Compiles a schema with the Ajv dialect its `$schema` names (default 2020-12, as Helm's validator does). */
function compile(text: string): ValidateFunction {
  const hit = cache.get(text);
  if (hit) return hit;
  const schema = JSON.parse(text) as unknown;
  if (typeof schema === 'boolean') return compileWith(new Ajv2020({ strict: false, validateFormats: false, allErrors: true }), schema, text);
  if (!isPlainMap(schema)) throw new Error('schema is not a JSON object');
  const dialect = typeof schema.$schema === 'string' ? schema.$schema : '';
  const { $schema: _drop, ...rest } = schema;
  void _drop;
  const opts = { strict: false, validateFormats: false, allErrors: true } as const;
  let ajv: Ajv;
  if (/draft-0[4-7]/.test(dialect)) ajv = new Ajv(opts);
  else if (dialect.includes('2019-09')) ajv = new Ajv2019(opts);
  else ajv = new Ajv2020(opts);
  return compileWith(ajv, rest, text);
}

function compileWith(ajv: Ajv, schema: unknown, key: string): ValidateFunction {
  const fn = ajv.compile(schema as object);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, fn);
  return fn;
}

/** Validates `values` against one schema text; returns the error lines (empty when valid). */
export function validateAgainstSchemaText(schemaText: string, values: Values): string[] {
  let fn: ValidateFunction;
  try {
    fn = compile(schemaText);
  } catch (e) {
    return [`unable to validate schema: ${(e as Error).message}`];
  }
  const data = JSON.parse(marshalJson(values, { escapeHTML: false })) as unknown;
  if (fn(data)) return [];
  return (fn.errors ?? []).map((e) => `- at '${e.instancePath || ''}': ${e.message ?? 'invalid'}`);
}

/** ValidateAgainstSchema: the chart's schema on `values`, then each subchart's on `values[sub]`; '' when valid. */
export function validateChartSchemas(chart: Chart, values: Values): string {
  let out = '';
  if (chart.schema) {
    const errs = validateAgainstSchemaText(new TextDecoder().decode(chart.schema), values);
    if (errs.length) out += `${chart.metadata.name}:\n${errs.join('\n')}\n`;
  }
  for (const sub of chart.dependencies) {
    const raw = values[sub.metadata.name];
    if (raw === undefined || raw === null) continue;
    if (!isPlainMap(raw)) {
      out += `${sub.metadata.name}:\ninvalid type for values: expected object (map), got ${typeof raw}\n`;
      continue;
    }
    out += validateChartSchemas(sub, raw);
  }
  return out;
}
