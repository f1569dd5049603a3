export type { FuzzDifference, FuzzEngine, FuzzOptions, FuzzReport } from './fuzz-engine';
export { engineNames, loadEngine } from './engines';
export { formatReport } from './report';
export { CI_SEED, describeFuzz } from './describe-fuzz';
export { fuzzInBatches, type BatchFuzzer, type CaseVerdict } from './batch-run';
export { JsonLinesOracle } from './json-lines-oracle';
