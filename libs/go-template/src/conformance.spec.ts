import { execFileSync } from 'node:child_process';
import { goOracle } from '@fjord/devkit';
import { baseData, cases, setCases } from './conformance.cases';
import { FuncError } from './errors';
import { sprint } from './fmt';
import { goFunc, type FuncMap } from './funcs';
import { TemplateSet } from './template-set';
import { GoInt, int64, withGoType, type GoValue } from './values';

/**
 * Cases where Fjord knowingly differs from Go (keep short; each with its reason, also listed in the README).
 */
const knownDifferent: Record<string, string> = {};

const testFuncs: FuncMap = {
  upper: goFunc('func(string) string', (s: string) => s.toUpperCase()),
  double: goFunc('func(int) int', (n: bigint) => n * 2n),
  half: goFunc('func(float64) float64', (f: number) => f / 2),
  fails: goFunc('func(string) (string, error)', (msg: string) => {
    throw new FuncError(msg);
  }),
  strs: goFunc('func() []string', () => ['b', 'a']),
  vararg: goFunc('func(string, ...int) string', (s: string, ...n: bigint[]) => sprint([s, withGoType(n, '[]int')])),
  echo: goFunc('func(interface {}) interface {}', (v: GoValue) => v),
  boom: goFunc('func() string', () => {
    throw new Error('boom');
  }),
  mkmap: goFunc('func() map[string]interface {}', () => ({ k: 'v', n: null })),
  nilmap: goFunc('func() map[string]interface {}', () => null),
  toggle: goFunc('func(bool) bool', (b: boolean) => !b),
  i64: goFunc('func(int64) int64', (n: GoInt) => int64(n.value + 1n)),
};

/** Turns the tagged JSON of the case table into the JS value model (the oracle does the same in Go). */
function toGo(v: unknown): GoValue {
  if (Array.isArray(v)) return v.map(toGo);
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v);
    if (entries.length === 1 && entries[0][0].startsWith('$')) {
      const [tag, inner] = entries[0] as [string, never];
      switch (tag) {
        case '$int':
          return BigInt(inner);
        case '$int64':
          return int64(inner);
        case '$uint8':
          return new GoInt(BigInt(inner), 'uint8');
        case '$strings':
          return withGoType([...(inner as string[])], '[]string');
        case '$stringmap':
          return withGoType({ ...(inner as object) }, 'map[string]string');
        case '$bytes':
          return new TextEncoder().encode(inner);
        case '$func':
          return testFuncs[inner];
      }
    }
    return Object.fromEntries(entries.map(([k, x]) => [k, toGo(x)]));
  }
  return v;
}

interface OracleCase {
  name: string;
  template?: string;
  data?: unknown;
  missingkey?: string;
  files?: { name: string; text: string }[];
  exec?: string;
}
interface OracleResult {
  name: string;
  output: string;
  error?: string;
}

function runFjord(c: OracleCase): OracleResult {
  const set = new TemplateSet({ name: 't', funcs: testFuncs });
  if (c.missingkey) set.option(`missingkey=${c.missingkey}`);
  try {
    let exec = 't';
    if (c.files) {
      for (const f of c.files) {
        set.parse(f.name, f.text);
        exec = f.name;
      }
    } else set.parse('t', c.template ?? '');
    return { name: c.name, output: set.execute(c.exec ?? exec, toGo(c.data)) };
  } catch (e) {
    return { name: c.name, output: '', error: (e as Error).message };
  }
}

describe('go-template conformance with Go text/template', () => {
  const all: OracleCase[] = [
    ...cases.map(([name, template, missingkey, data]) => ({ name, template, missingkey, data: data === undefined ? baseData : data })),
    ...setCases.map(([name, files, exec, missingkey]) => ({ name, files, exec, missingkey, data: baseData })),
  ];
  let oracle: Map<string, OracleResult>;

  beforeAll(() => {
    const out = execFileSync(goOracle('go-template'), ['conformance'], { input: JSON.stringify(all), maxBuffer: 64 << 20 }).toString();
    oracle = new Map((JSON.parse(out) as OracleResult[]).map((r) => [r.name, r]));
  }, 300_000);

  it('has unique case names', () => {
    expect(new Set(all.map((c) => c.name)).size).toBe(all.length);
  });

  it('agrees with Go on every case except the documented known differences', () => {
    const disagreements: string[] = [];
    let agree = 0;
    for (const c of all) {
      const want = oracle.get(c.name)!;
      const got = runFjord(c);
      // Go returns partial output with an error; Fjord returns only the error.
      const same = want.error ? got.error === want.error : got.error === undefined && got.output === want.output;
      if (same) agree++;
      else if (!(c.name in knownDifferent)) {
        disagreements.push(`${c.name}\n  go:    ${JSON.stringify(want.error ?? want.output)}\n  fjord: ${JSON.stringify(got.error ?? got.output)}`);
      }
    }
    console.log(
      `go-template oracle agreement: ${agree}/${all.length} cases agree with Go text/template; known-different: ${Object.keys(knownDifferent).length}`,
    );
    expect(disagreements).toEqual([]);
  });
});
