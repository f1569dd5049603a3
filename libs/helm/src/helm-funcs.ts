/** Helm's additions to Sprig (pkg/engine/funcs.go) that need no render state: YAML/JSON/TOML, lookup. */
import { FuncError, goFunc, int64, type FuncMap } from '@fjord/go-template';
import { marshalJson, sprigFunctions } from '@fjord/sprig';
import { parse as parseToml, stringify as stringifyToml } from 'smol-toml';
import { marshalYaml, toYaml } from './to-yaml';
import { isPlainMap, readYaml } from './yaml-read';

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function fromYaml(str: string): Record<string, unknown> {
  try {
    const v = readYaml(str);
    if (v === null) return {};
    if (!isPlainMap(v))
      return {
        Error: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'string'} into Go value of type map[string]interface {}`,
      };
    return v;
  } catch (e) {
    return { Error: `error converting YAML to JSON: ${errorText(e)}` };
  }
}

function fromYamlArray(str: string): unknown[] {
  try {
    const v = readYaml(str);
    if (v === null) return [];
    if (!Array.isArray(v))
      return [
        `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${isPlainMap(v) ? 'object' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'string'} into Go value of type []interface {}`,
      ];
    return v;
  } catch (e) {
    return [`error converting YAML to JSON: ${errorText(e)}`];
  }
}

function parseJson(str: string): unknown {
  try {
    return JSON.parse(str);
  } catch (e) {
    throw new Error(str.trim() === '' ? 'unexpected end of JSON input' : `invalid character in JSON: ${errorText(e)}`);
  }
}

function fromJson(str: string): Record<string, unknown> {
  try {
    const v = parseJson(str);
    if (v === null) return {};
    if (!isPlainMap(v)) return { Error: 'json: cannot unmarshal non-object into Go value of type map[string]interface {}' };
    return v;
  } catch (e) {
    return { Error: errorText(e) };
  }
}

function fromJsonArray(str: string): unknown[] {
  try {
    const v = parseJson(str);
    if (v === null) return [];
    if (!Array.isArray(v)) return ['json: cannot unmarshal non-array into Go value of type []interface {}'];
    return v;
  } catch (e) {
    return [errorText(e)];
  }
}

/** TOML values as BurntSushi/toml decodes them into interface{}: integers are int64. */
function tomlToGo(v: unknown): unknown {
  if (typeof v === 'bigint') return int64(v);
  if (typeof v === 'number' && Number.isInteger(v)) return int64(v);
  if (Array.isArray(v)) return v.map(tomlToGo);
  if (v instanceof Date) return v.toISOString();
  if (isPlainMap(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, tomlToGo(x)]));
  return v;
}

function goToToml(v: unknown): unknown {
  return JSON.parse(marshalJson(v, { escapeHTML: false })) as unknown;
}

function toToml(v: unknown): string {
  try {
    const out = stringifyToml(goToToml(v) as Record<string, unknown>);
    return out ? `${out}\n` : '';
  } catch (e) {
    return errorText(e);
  }
}

/** The static part of Helm's function map: Sprig (without env/expandenv) plus Helm's encoders and helpers. */
export function helmStaticFunctions(): FuncMap {
  return {
    ...sprigFunctions(),
    toYaml: goFunc('func(interface {}) string', toYaml),
    mustToYaml: goFunc('func(interface {}) string', (v: unknown) => {
      try {
        return marshalYaml(v).replace(/\n$/, '');
      } catch (e) {
        throw new FuncError(errorText(e));
      }
    }),
    toYamlPretty: goFunc('func(interface {}) string', toYaml),
    fromYaml: goFunc('func(string) map[string]interface {}', fromYaml),
    fromYamlArray: goFunc('func(string) []interface {}', fromYamlArray),
    // toJson is Sprig's (Helm's is the same function); Helm's mustToJson differs from Sprig's in its Go signature
    mustToJson: goFunc('func(interface {}) string', (v: unknown) => marshalJson(v, { escapeHTML: true })),
    fromJson: goFunc('func(string) map[string]interface {}', fromJson),
    fromJsonArray: goFunc('func(string) []interface {}', fromJsonArray),
    toToml: goFunc('func(interface {}) string', toToml),
    mustToToml: goFunc('func(interface {}) string', toToml),
    fromToml: goFunc('func(string) map[string]interface {}', (s: string) => {
      try {
        return tomlToGo(parseToml(s)) as Record<string, unknown>;
      } catch (e) {
        return { Error: errorText(e) };
      }
    }),
    lookup: goFunc('func(string, string, string, string) (map[string]interface {}, error)', () => ({})),
  };
}
