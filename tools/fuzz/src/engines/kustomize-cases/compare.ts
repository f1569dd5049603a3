import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { buildKustomization, stringifyKustomizeOutput } from '@fjord/kustomize';
import { DiskFileSystem } from '@fjord/repo-fs';
import { SourceError } from '@fjord/source-fs';
import { parseAllDocuments } from 'yaml';
import { onlyAmbiguousListsDiffer } from './ambiguous-lists';
import type { KustomizeCase } from './case';
import type { KustomizeOracle } from './oracle';

/** How one case came out: the same objects in the same order, rejected by both, a documented known difference, or a difference. */
export type Verdict = 'equal' | 'both rejected' | 'known difference' | 'different';

/**
 * Differences listed in libs/kustomize/README.md (known conformance gaps), told apart by kustomize's error: a case
 * kustomize fails on this way and Fjord builds is not a finding.
 */
const KNOWN_KUSTOMIZE_FAILURES: Array<{ error: RegExp; reason: string }> = [
  {
    // A generator key YAML 1.1 reads as a number, bool or null (`5`, `1e3`, `on`) breaks kustomize's JSON round trip.
    error: /json: unsupported type: map\[interface \{\}\]interface \{\}/,
    reason: 'kustomize fails on generator keys that YAML 1.1 reads as non-strings; Fjord builds them',
  },
  {
    // A generated value with a control character (U+007F, U+0001…) fails kustomize's YAML round trip.
    error: /yaml: control characters are not allowed/,
    reason: 'kustomize fails on control characters in generated values; Fjord builds them',
  },
];

export interface Comparison {
  verdict: Verdict;
  /** Both printed the same bytes (counted for the report; only the objects and their order must agree). */
  byteIdentical: boolean;
  /** What each side gave, when they differ. */
  detail: string;
}

/** The objects of a multi-document YAML text, as conformance.spec.ts compares them. */
function objects(text: string): unknown[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as unknown)
    .filter((v) => v !== null && v !== undefined);
}

/** Writes the case under `dir` (a directory of its own: a timed-out shrink step may still be running), builds it with kustomize (the oracle) and with Fjord, and compares. */
export async function compareCase(oracle: KustomizeOracle, c: KustomizeCase, dir: string): Promise<Comparison> {
  rmSync(dir, { recursive: true, force: true });
  for (const [path, content] of Object.entries(c.files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  try {
    const want = oracle.build(join(dir, c.dir));
    const got = buildWithFjord(dir, c.dir);
    return judge(c.files, await want, got);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface FjordOutcome {
  ok: boolean;
  yaml?: string;
  error?: string;
  /** An exception other than a SourceError: a crash, never the right answer even when kustomize fails too. */
  crashed?: boolean;
}

function buildWithFjord(root: string, dir: string): FjordOutcome {
  try {
    return { ok: true, yaml: stringifyKustomizeOutput(buildKustomization(new DiskFileSystem(root), dir || '.')) };
  } catch (err) {
    const crashed = !(err instanceof SourceError);
    return { ok: false, error: err instanceof Error ? (crashed ? (err.stack ?? err.message) : err.message) : String(err), crashed };
  }
}

function judge(files: KustomizeCase['files'], want: { ok: boolean; yaml?: string; error?: string }, got: FjordOutcome): Comparison {
  const byteIdentical = want.ok && got.ok && want.yaml === got.yaml;
  if (got.crashed)
    return { verdict: 'different', byteIdentical, detail: `Fjord crashed: ${clip(got.error ?? '')}\nkustomize: ${want.ok ? 'ok' : clip(want.error ?? '')}` };
  if (!want.ok && !got.ok) return { verdict: 'both rejected', byteIdentical, detail: '' };
  if (!want.ok && KNOWN_KUSTOMIZE_FAILURES.some((k) => k.error.test(want.error ?? ''))) return { verdict: 'known difference', byteIdentical, detail: '' };
  if (!want.ok)
    return { verdict: 'different', byteIdentical, detail: `kustomize rejected it: ${clip(want.error ?? '')}\nFjord built:\n${clip(got.yaml ?? '')}` };
  if (!got.ok)
    return { verdict: 'different', byteIdentical, detail: `Fjord rejected it: ${clip(got.error ?? '')}\nkustomize built:\n${clip(want.yaml ?? '')}` };
  const a = objects(want.yaml ?? '');
  const b = objects(got.yaml ?? '');
  if (isDeepStrictEqual(a, b)) return { verdict: 'equal', byteIdentical, detail: '' };
  if (onlyAmbiguousListsDiffer(files, a, b)) return { verdict: 'known difference', byteIdentical, detail: '' };
  return { verdict: 'different', byteIdentical, detail: firstDifference(a, b) };
}

function firstDifference(want: unknown[], got: unknown[]): string {
  const i = want.findIndex((w, j) => !isDeepStrictEqual(w, got[j]));
  const at = i < 0 ? Math.min(want.length, got.length) : i;
  return [
    `${want.length} objects from kustomize, ${got.length} from Fjord; first difference at object ${at}`,
    `kustomize: ${clip(JSON.stringify(want[at]))}`,
    `Fjord:     ${clip(JSON.stringify(got[at]))}`,
  ].join('\n');
}

const clip = (s: string, n = 1500) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** A case as the report shows it: each file, binary ones as base64. */
export function showCase(c: KustomizeCase): string {
  const lines = [`kustomize build ${c.dir || '.'}`];
  for (const [path, content] of Object.entries(c.files).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`--- ${path}`);
    lines.push(
      typeof content === 'string'
        ? JSON.stringify(content).length > content.length + 2 + 40 || /[^\x20-\x7e\n]/.test(content)
          ? `(JSON) ${JSON.stringify(content)}`
          : content.replace(/\n$/, '')
        : `(${content.length} bytes, base64) ${Buffer.from(content).toString('base64')}`,
    );
  }
  return lines.join('\n');
}
