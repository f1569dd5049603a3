import { parseArgs } from 'node:util';

/** One setting of a service: a `--flag` with an environment-variable twin and a default. */
export interface OptionSpec {
  /** The flag's name without dashes, e.g. `port`. */
  flag: string;
  /** The environment variable that sets it when the flag is absent, e.g. `FJORD_REPO_SERVER_PORT`. */
  env: string;
  type: 'string' | 'number' | 'boolean';
  default: string | number | boolean | undefined;
  description: string;
}

/** The settings of a service, keyed by flag name. */
export type OptionSpecs = Record<string, OptionSpec>;

/** The parsed values, typed from the specs. */
export type ConfigOf<S extends OptionSpecs> = {
  [K in keyof S]: S[K]['type'] extends 'number' ? number : S[K]['type'] extends 'boolean' ? boolean : string;
};

/** Thrown for a flag or environment variable that cannot be used; the message names it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function coerce(spec: OptionSpec, raw: string | boolean, source: string): string | number | boolean {
  if (spec.type === 'boolean') {
    if (typeof raw === 'boolean') return raw;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off|)$/i.test(raw)) return false;
    throw new ConfigError(`${source}: expected true or false, got "${raw}"`);
  }
  if (spec.type === 'number') {
    const n = Number(raw);
    if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n)) {
      throw new ConfigError(`${source}: expected a number, got "${String(raw)}"`);
    }
    return n;
  }
  return String(raw);
}

/**
 * Reads settings from flags first, then their environment twins, then the defaults. Unknown flags are an error,
 * so a typo never silently falls back to a default.
 */
export function loadConfig<S extends OptionSpecs>(
  specs: S,
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): ConfigOf<S> {
  const options = Object.fromEntries(Object.values(specs).map((s) => [s.flag, { type: s.type === 'boolean' ? 'boolean' : 'string' }] as const));
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const out: Record<string, string | number | boolean | undefined> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const fromFlag = values[spec.flag];
    const fromEnv = env[spec.env];
    if (fromFlag !== undefined) out[key] = coerce(spec, fromFlag, `--${spec.flag}`);
    else if (fromEnv !== undefined) out[key] = coerce(spec, fromEnv, spec.env);
    else out[key] = spec.default;
  }
  return out as ConfigOf<S>;
}

/** `--help` text listing each flag, its environment twin and its default. */
export function describeOptions(specs: OptionSpecs): string {
  return Object.values(specs)
    .map((s) => `  --${s.flag} (${s.env}, default ${JSON.stringify(s.default ?? '')})\n      ${s.description}`)
    .join('\n');
}
