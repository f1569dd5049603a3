import { formatReport } from './report';
import { loadEngine } from './engines';

/** The seed CI runs with; FJORD_FUZZ_SEED replays another. Fixed so a red CI run is reproducible to the case. */
export const CI_SEED = Number(process.env.FJORD_FUZZ_SEED ?? 20261204);

/** A Jest suite that runs one engine for its CI budget and fails on any difference, printing the report. */
export function describeFuzz(name: string, timeoutMs = 300_000): void {
  describe(`differential fuzzing: ${name}`, () => {
    it(
      'finds no difference between Fjord and the real tool',
      async () => {
        const engine = await loadEngine(name);
        const started = Date.now();
        const report = await engine.run({ cases: engine.ciCases, seed: CI_SEED });
        console.log(formatReport(report, Date.now() - started));
        expect(report.cases).toBe(engine.ciCases);
        expect(report.differences).toEqual([]);
      },
      timeoutMs,
    );
  });
}
