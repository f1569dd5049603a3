/** The Sprig function map as Helm registers it. */
import { goFunc, type FuncMap } from '@fjord/go-template';
import { cryptoFuncs } from './crypto';
import { dateFuncs } from './dates';
import { defaultFuncs } from './defaults';
import { dictFuncs } from './dicts';
import { encodingFuncs } from './encoding';
import { listFuncs } from './lists';
import { regexFuncs } from './regex';
import { semverFuncs } from './semver';
import { stringFuncs } from './strings';

/** Sprig's text-template functions without `env` and `expandenv` (Helm removes them); a fresh map per call. */
export function sprigFunctions(): FuncMap {
  return {
    ...stringFuncs,
    ...listFuncs,
    ...dictFuncs,
    ...defaultFuncs,
    ...encodingFuncs,
    ...regexFuncs,
    ...semverFuncs,
    ...dateFuncs,
    ...cryptoFuncs,
    hello: (() => 'Hello!') as FuncMap[string],
    // Sprig resolves the name over DNS; Helm replaces it with this unless --enable-dns, and Fjord renders without network.
    getHostByName: goFunc('func(string) string', () => ''),
  };
}

/** Names of the functions {@link sprigFunctions} provides. */
export const sprigFunctionNames = (): string[] => Object.keys(sprigFunctions()).sort();
