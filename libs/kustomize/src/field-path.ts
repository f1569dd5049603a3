import { isMap } from './field-spec';
import { splitTopLevel } from './split-top-level';

/** One step of a kustomize field path: a map key, a list index, a list element selected by `key=value`, or `*`. */
type Step = { key: string } | { index: number } | { match: [string, string] } | { any: true };

/** Parses `spec.template.spec.containers.[name=app].image` (also `containers[name=app]`, `ports.0`, `*`). */
export function parseFieldPath(path: string): Step[] {
  const steps: Step[] = [];
  for (const raw of splitDots(path)) {
    const idx = /^([^[]+)\[(\d+)\]$/.exec(raw);
    const m = /^([^[]*)\[([^\]=]+)=([^\]]*)\]$/.exec(raw);
    if (idx) steps.push({ key: idx[1] }, { index: Number(idx[2]) });
    else if (m) {
      if (m[1]) steps.push({ key: m[1] });
      steps.push({ match: [m[2], m[3]] });
    } else if (raw === '*') steps.push({ any: true });
    else if (/^\[\d+\]$/.test(raw)) steps.push({ index: Number(raw.slice(1, -1)) });
    else if (/^-?\d+$/.test(raw)) steps.push({ index: Number(raw) });
    else steps.push({ key: raw });
  }
  return steps;
}

function splitDots(path: string): string[] {
  return splitTopLevel(path, { separator: '.', open: '[', close: ']', escapable: true }).filter((s) => s !== '');
}

/** Every (parent, key) a path reaches; with `create`, missing maps and list elements are created on the way. */
export function findFieldSlots(root: unknown, steps: Step[], create: boolean): { parent: Record<string, unknown> | unknown[]; key: string | number }[] {
  let frontier: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [{ parent: { root }, key: 'root' }];
  for (const step of steps) {
    const next: typeof frontier = [];
    for (const slot of frontier) {
      let node = (slot.parent as Record<string | number, unknown>)[slot.key];
      if ((node === undefined || node === null) && create) {
        node = 'index' in step || 'match' in step ? [] : {};
        (slot.parent as Record<string | number, unknown>)[slot.key] = node;
      }
      next.push(...stepInto(node, step, create));
    }
    frontier = next;
  }
  return frontier;
}

function stepInto(node: unknown, step: Step, create: boolean): { parent: Record<string, unknown> | unknown[]; key: string | number }[] {
  if ('key' in step) return isMap(node) && (step.key in node || create) ? [{ parent: node, key: step.key }] : [];
  if (!Array.isArray(node)) return [];
  if ('index' in step) return step.index < node.length || create ? [{ parent: node, key: step.index }] : [];
  if ('any' in step) return node.map((_, i) => ({ parent: node, key: i }));
  const [k, v] = step.match;
  const hits = node.map((e, i) => ({ e, i })).filter(({ e }) => isMap(e) && String(e[k]) === v);
  if (hits.length === 0 && create) {
    node.push({ [k]: v });
    return [{ parent: node, key: node.length - 1 }];
  }
  return hits.map(({ i }) => ({ parent: node, key: i }));
}

/** The single value at a path, or undefined. */
export function getField(root: unknown, path: string): unknown {
  const slots = findFieldSlots(root, parseFieldPath(path), false);
  return slots.length ? (slots[0].parent as Record<string | number, unknown>)[slots[0].key] : undefined;
}
