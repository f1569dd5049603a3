/**
 * The value flags of `helm template` (helm's values.Options) merged as helm merges them: `-f` files in order
 * (maps merge, everything else replaces), then every `--set`, every `--set-string`, every `--set-file`, each
 * parsed into the same map. Argo CD's Helm options are turned into these flags by {@link userValues}; the
 * differential fuzzer (tools/fuzz, engine `helm-values`) drives this function directly against helm's own.
 */
import { parseSetInto, typedSetValue, type SetValueReader } from './strvals';
import { mergeMaps, type Values } from './values-file';

/** The value flags of one `helm template` call, in the order they were given within each flag. */
export interface ValueFlags {
  /** `-f` files, already parsed (loadValues), in order. */
  valueFiles?: Values[];
  /** `--set` expressions (`a.b=1,c[0]=x`): typed scalars. */
  set?: string[];
  /** `--set-string` expressions: every value a string. */
  setString?: string[];
  /** `--set-file` expressions: each value is a path, replaced by the text of that file. */
  setFile?: string[];
  /** Reads a `--set-file` path; required when `setFile` is not empty. */
  readFile?: (path: string) => string;
}

/** Why a `--set` family flag was refused, in helm's words (`failed parsing --set data: key "a" has no value`). */
export class ValueFlagError extends Error {
  constructor(
    readonly flag: '--set' | '--set-string' | '--set-file',
    cause: unknown,
  ) {
    super(`failed parsing ${flag} data: ${(cause as Error).message}`, { cause });
    this.name = 'ValueFlagError';
  }
}

/** Merges the flags into one values map, as helm's `values.Options.MergeValues`. Throws {@link ValueFlagError}. */
export function mergeValueFlags(flags: ValueFlags): Values {
  let base: Values = {};
  for (const file of flags.valueFiles ?? []) base = mergeMaps(base, file);
  const apply = (exprs: string[] | undefined, flag: ValueFlagError['flag'], reader: SetValueReader): void => {
    for (const expr of exprs ?? []) {
      try {
        parseSetInto(expr, base, reader);
      } catch (e) {
        throw new ValueFlagError(flag, e);
      }
    }
  };
  apply(flags.set, '--set', typedSetValue);
  apply(flags.setString, '--set-string', (s) => s);
  apply(flags.setFile, '--set-file', (path) => {
    if (!flags.readFile) throw new Error(`cannot read ${path}: no file reader given`);
    return flags.readFile(path);
  });
  return base;
}
