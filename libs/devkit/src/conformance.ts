import { parseAllDocuments, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import type { CorpusCase } from './corpus';

/** One case's verdict in a conformance test of Fjord against the real tool. */
export interface ConformanceResult {
  name: string;
  /** The parsed outputs are equal, or both runs failed. */
  equal: boolean;
  /** Both outputs are there and identical to the byte. */
  bytes: boolean;
  /** Where they differ, or how they failed. */
  detail: string;
  /** The tool and Fjord both rejected the case. */
  bothRejected: boolean;
}

/** The verdict on two runs of one case; `outputsEqual` compares outputs when both succeeded. */
export function compareRuns(
  tool: string,
  want: RunOutcome,
  got: RunOutcome,
  outputsEqual: (want: string, got: string) => boolean,
): Omit<ConformanceResult, 'name'> {
  const bothRejected = !want.ok && !got.ok;
  const bytes = want.ok && got.ok && want.text === got.text;
  if (!want.ok || !got.ok) {
    const toolSays = want.ok ? 'ok' : `failed: ${want.text.trim().split('\n').pop()}`;
    const fjordSays = got.ok ? 'ok' : `failed: ${got.text.split('\n')[0]}`;
    return { equal: want.ok === got.ok, bytes, detail: `${tool} ${toolSays}; fjord ${fjordSays}`, bothRejected };
  }
  const equal = outputsEqual(want.text, got.text);
  return { equal, bytes, detail: equal ? '' : firstDifference(tool, want.text, got.text), bothRejected };
}

/** The first line where the tool's output and Fjord's differ. */
function firstDifference(tool: string, a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) return `line ${i + 1}: ${tool} ${JSON.stringify(al[i])} fjord ${JSON.stringify(bl[i])}`;
  }
  return 'same text';
}

/** What a conformance test prints: `tool conformance: e/n equal (r rejected by both), b/(n-r) byte-identical`, then a line per case. */
export function conformanceReport(tool: string, results: ConformanceResult[]): string {
  const equal = results.filter((r) => r.equal).length;
  const bytes = results.filter((r) => r.bytes).length;
  const rejected = results.filter((r) => r.bothRejected).length;
  const lines = results.map(
    (r) => `${r.equal ? 'EQUAL' : 'DIFF '} ${r.bytes ? 'BYTES' : '     '} ${r.name}${r.detail && (!r.equal || r.bothRejected) ? `\n        ${r.detail}` : ''}`,
  );
  const summary = `${equal}/${results.length} equal (${rejected} rejected by both), ${bytes}/${results.length - rejected} byte-identical`;
  return `${tool} conformance: ${summary}\n${lines.join('\n')}`;
}

/** Cases that differ but are not on the known-different list, and known differences that are gone (both must be empty). */
export function unexpectedResults(results: ConformanceResult[], knownDifferent: Record<string, string>): { unexpected: string[]; fixed: string[] } {
  return {
    unexpected: results.filter((r) => !r.equal && !(r.name in knownDifferent)).map((r) => `${r.name}: ${r.detail}`),
    fixed: results.filter((r) => r.equal && r.name in knownDifferent).map((r) => r.name),
  };
}

/** The values of the non-empty YAML documents in a run's output, to compare the tool's output and Fjord's as data. */
export function yamlValues(text: string, options?: ParseOptions & DocumentOptions & SchemaOptions): unknown[] {
  return parseAllDocuments(text, options)
    .map((d) => d.toJS() as unknown)
    .filter((v) => v !== null && v !== undefined);
}

/** What one run of a case gave: its output, or the message it failed with. */
export interface RunOutcome {
  ok: boolean;
  text: string;
}

/** A conformance suite: Fjord against the real tool on every case of a corpus, known differences listed. */
export interface ConformanceSuite {
  /** The tool's name in reports (`helm`). */
  tool: string;
  /** The title of the suite. */
  title: string;
  cases: CorpusCase[];
  /** More cases than this must be found, or the corpus is missing. */
  minCases: number;
  /** Cases known to differ from the tool, with the reason. */
  knownDifferent: Record<string, string>;
  /** How long running the tool and Fjord on every case may take. */
  timeoutMs: number;
  /** The tool's outcome on every case, in order. */
  runTool: (cases: CorpusCase[]) => Promise<RunOutcome[]>;
  /** Fjord's output on one case; what it throws is a rejection. */
  runFjord: (c: CorpusCase) => string;
  /** Whether the tool's and Fjord's successful outputs of the case at `index` are equal. */
  outputsEqual: (want: string, got: string, index: number) => boolean;
}

/** Declares the suite: runs both sides, prints the report, and expects the corpus found and no unexpected difference. */
export function describeConformance(s: ConformanceSuite): void {
  describe(s.title, () => {
    const results: ConformanceResult[] = [];

    beforeAll(async () => {
      const want = await s.runTool(s.cases);
      s.cases.forEach((c, i) => {
        results.push({ name: c.name, ...compareRuns(s.tool, want[i], fjordOutcome(s.runFjord, c), (a, b) => s.outputsEqual(a, b, i)) });
      });
      console.log(conformanceReport(s.tool, results));
    }, s.timeoutMs);

    it('finds the corpus', () => {
      expect(s.cases.length).toBeGreaterThan(s.minCases);
    });

    it(`matches ${s.tool} on every case except the documented known differences`, () => {
      const { unexpected, fixed } = unexpectedResults(results, s.knownDifferent);
      expect(unexpected).toEqual([]);
      expect(fixed).toEqual([]);
    });
  });
}

function fjordOutcome(run: (c: CorpusCase) => string, c: CorpusCase): RunOutcome {
  try {
    return { ok: true, text: run(c) };
  } catch (err) {
    return { ok: false, text: (err as Error).message };
  }
}
