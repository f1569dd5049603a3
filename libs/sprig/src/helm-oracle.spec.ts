import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { TemplateSet } from '@fjord/go-template';
import { ensureBinaries } from '@fjord/test-cluster';
import { helmCases, values } from './helm-oracle.cases';
import { sprigFunctions } from './registry';

/** Cases where Fjord knowingly differs from Helm (keep short; each with its reason, also listed in the README). */
const knownDifferent: Record<string, string> = {};

/** Renders every case in one throwaway chart with the real helm and returns the outputs by case index. */
function renderWithHelm(helm: string): Map<number, string> {
  const dir = mkdtempSync(join(tmpdir(), 'fjord-sprig-oracle-'));
  try {
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: oracle\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'values.yaml'), JSON.stringify(values));
    helmCases.forEach(([, expr], i) => {
      const body = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  out: {{ ${expr} | toString | quote }}\n`;
      writeFileSync(join(dir, 'templates', `c${String(i).padStart(4, '0')}.yaml`), body);
    });
    const out = execFileSync(helm, ['template', 'oracle', dir], { maxBuffer: 64 << 20, env: { ...process.env, TZ: 'UTC' } }).toString();
    const result = new Map<number, string>();
    for (const doc of parseAllDocuments(out)) {
      const obj = doc.toJS() as { metadata?: { name?: string }; data?: { out?: string } } | null;
      if (obj?.metadata?.name?.startsWith('c')) result.set(Number(obj.metadata.name.slice(1)), obj.data?.out ?? '');
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Helm's values coalescing deletes keys whose value is null; the Helm layer will do this, so mimic it here. */
function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== null)
        .map(([k, x]) => [k, dropNulls(x)]),
    );
  }
  return v;
}

function renderWithFjord(expr: string): string {
  const set = new TemplateSet({ funcs: sprigFunctions(), missingKey: 'zero' });
  try {
    set.parse('t', `{{ ${expr} | toString }}`);
    return set.execute('t', { Values: dropNulls(values) }).replace(/<no value>/g, '');
  } catch (e) {
    return `ERROR: ${(e as Error).message}`;
  }
}

// Date cases render in UTC on both sides.
process.env.TZ = 'UTC';
describe('sprig conformance with helm template (Helm v4)', () => {
  let helm: string;
  beforeAll(async () => {
    // Built from the Go module proxy on first use (tools/test-cluster), never skipped.
    helm = (await ensureBinaries({ log: () => undefined })).helm;
  }, 1_800_000);

  it('agrees with helm on every case except the documented known differences', () => {
    const want = renderWithHelm(helm);
    const disagreements: string[] = [];
    let agree = 0;
    helmCases.forEach(([name, expr], i) => {
      const got = renderWithFjord(expr);
      if (got === want.get(i)) agree++;
      else if (!(name in knownDifferent)) {
        disagreements.push(`${name}: {{ ${expr} }}\n  helm:  ${JSON.stringify(want.get(i))}\n  fjord: ${JSON.stringify(got)}`);
      }
    });
    console.log(`sprig oracle agreement: ${agree}/${helmCases.length} cases agree with helm template; known-different: ${Object.keys(knownDifferent).length}`);
    expect(disagreements).toEqual([]);
  }, 120_000);
});
