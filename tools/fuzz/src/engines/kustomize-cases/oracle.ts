import { JsonLinesOracle } from '../../json-lines-oracle';

/** What kustomize gave for one directory: its YAML, or its error message. */
export interface OracleOutcome {
  ok: boolean;
  yaml?: string;
  error?: string;
}

/**
 * The Go oracle (`oracles/kustomize`, krusty of kustomize v5.8.1 in-process) as one long-running process: requests
 * go in as JSON lines and answers come back in order, so a case costs a build, not a process start.
 */
export class KustomizeOracle {
  private readonly oracle = new JsonLinesOracle<{ dir: string }, OracleOutcome>('kustomize');

  /** Builds the kustomization in the absolute directory `dir`, as `kustomize build DIR` would. */
  build(dir: string): Promise<OracleOutcome> {
    return this.oracle.ask({ dir });
  }

  close(): void {
    this.oracle.close();
  }
}
