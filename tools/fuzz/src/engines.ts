import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FuzzEngine } from './fuzz-engine';

const dir = join(__dirname, 'engines');

/** The engines' names: one file each in `src/engines/` (specs aside). */
export function engineNames(): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/** Loads one engine by name; the error names the engines there are. */
export async function loadEngine(name: string): Promise<FuzzEngine> {
  const names = engineNames();
  if (!names.includes(name)) throw new Error(`unknown fuzz engine "${name}"; engines: ${names.join(', ')}`);
  // The file, not the name: an engine's helpers may sit in a folder of the same name beside it.
  const mod = (await import(join(dir, `${name}.ts`))) as { engine: FuzzEngine };
  return mod.engine;
}
