/**
 * `npm run fuzz -- [--engine NAME]... [--cases N] [--seed S]`: runs differential fuzzers for longer than CI does.
 * Prints each engine's case count and every difference (shrunk input, replay seed), and exits 1 on any difference.
 */
import { parseArgs } from 'node:util';
import { engineNames, loadEngine } from './engines';
import { formatReport } from './report';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string', multiple: true },
      cases: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(`usage: npm run fuzz -- [--engine NAME]... [--cases N] [--seed S]\nengines: ${engineNames().join(', ')}`);
    return 0;
  }
  const cases = values.cases === undefined ? undefined : Number(values.cases);
  if (cases !== undefined && (!Number.isInteger(cases) || cases < 1)) throw new Error(`--cases must be a whole number above 0, got "${values.cases}"`);
  const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, got "${values.seed}"`);
  let failed = 0;
  for (const name of values.engine ?? engineNames()) {
    const engine = await loadEngine(name);
    const n = cases ?? engine.ciCases;
    console.log(`fuzz ${engine.name}: ${engine.description}; ${n} cases, seed ${seed}`);
    const started = Date.now();
    let last = started;
    const report = await engine.run({
      cases: n,
      seed,
      progress: (done) => {
        if (Date.now() - last < 10_000) return;
        last = Date.now();
        console.log(`fuzz ${engine.name}: ${done}/${n} cases (${Math.round((Date.now() - started) / 1000)} s)`);
      },
    });
    console.log(formatReport(report, Date.now() - started));
    if (report.differences.length > 0) failed++;
  }
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`fuzz: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
