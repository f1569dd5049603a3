import { execFileSync } from 'node:child_process';
import { goOracle } from '@fjord/devkit';

/** The function names Go's side knows, as `oracles/go-template funcs` prints them. */
export interface GoFunctionNames {
  /** text/template's builtins. */
  builtins: string[];
  /** Sprig's TxtFuncMap at the version Helm 4.2.4 builds with. */
  sprig: string[];
  /** Helm's additions to Sprig (pkg/engine funcMap and the late-bound names of Engine.initFunMap). */
  helm: string[];
  /** Sprig names Helm deletes (env, expandenv). */
  removed: string[];
}

/** Asks the go-template oracle for Helm's template function names (builds the oracle on first use). */
export function goFunctionNames(): GoFunctionNames {
  const out = execFileSync(goOracle('go-template'), ['funcs'], { encoding: 'utf8' });
  return JSON.parse(out) as GoFunctionNames;
}

/** How Fjord's function maps compare with Go's: what is missing, what Fjord has that Helm does not, the coverage. */
export interface FunctionCoverage {
  missing: string[];
  extra: string[];
  /** Names Helm removes that Fjord still registers. */
  notRemoved: string[];
  /** Share of Helm's names Fjord has, in percent. */
  percent: number;
  total: number;
}

/** Compares Fjord's names (builtins + the Helm engine's map) with the oracle's. */
export function compareFunctionNames(go: GoFunctionNames, fjordBuiltins: string[], fjordHelm: string[]): FunctionCoverage {
  const removed = new Set(go.removed);
  const want = new Set([...go.builtins, ...go.sprig.filter((n) => !removed.has(n)), ...go.helm]);
  const have = new Set([...fjordBuiltins, ...fjordHelm]);
  const missing = [...want].filter((n) => !have.has(n)).sort();
  return {
    missing,
    extra: [...have].filter((n) => !want.has(n) && !removed.has(n)).sort(),
    notRemoved: go.removed.filter((n) => have.has(n)),
    percent: (100 * (want.size - missing.length)) / want.size,
    total: want.size,
  };
}
