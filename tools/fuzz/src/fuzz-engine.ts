/** One difference a fuzzer found between Fjord and the real tool: the (shrunk) input and what each side gave. */
export interface FuzzDifference {
  /** The run's seed and the path fast-check prints, enough to replay the case. */
  seed: number;
  path?: string;
  /** The smallest input that still differs, as the engine shows it (a kustomization tree, a template, a YAML text). */
  input: string;
  /** What the tool gave and what Fjord gave, in a line or two each. */
  detail: string;
}

/** What a fuzz run reports: how many random cases ran and every difference found. */
export interface FuzzReport {
  engine: string;
  cases: number;
  seed: number;
  differences: FuzzDifference[];
  /** Classes of case seen (e.g. "generator with long literal": 412), for the note and for checking coverage. */
  coverage?: Record<string, number>;
}

export interface FuzzOptions {
  cases: number;
  seed: number;
  /** Called now and then with the number of cases done, for progress on long runs. */
  progress?: (done: number) => void;
}

/** A differential fuzzer of one engine against its real tool. Each lives in `src/engines/<name>.ts` as `export const engine`. */
export interface FuzzEngine {
  name: string;
  /** What it compares, in one line (`fjord's kustomize build vs kustomize v5.8.1`). */
  description: string;
  /** The budget the CI test runs. */
  ciCases: number;
  run(options: FuzzOptions): Promise<FuzzReport>;
}
