import { KIND_ORDER } from '@fjord/argo';

const rank = new Map(KIND_ORDER.map((kind, i) => [kind, i - KIND_ORDER.length]));

/** The rank of a kind in KIND_ORDER: negative for listed kinds, 0 for every other kind (so they sort last). */
export function kindRank(kind: string): number {
  return rank.get(kind) ?? 0;
}
