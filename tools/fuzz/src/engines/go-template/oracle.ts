import { JsonLinesOracle } from '../../json-lines-oracle';

/** One case as the Go oracle takes it. */
export interface OracleCase {
  template: string;
  data: unknown;
  missingkey?: string;
}

/** Go's result: the output written (partial when there is an error) and the error text. */
export interface GoResult {
  output: string;
  error?: string;
}

/**
 * The Go side (`oracles/go-template serve`): text/template with Sprig's map as Helm registers it, one long-running
 * process; each batch is one JSON line in and one out, in order. Runs in UTC so Sprig's date functions agree.
 */
export class GoTemplateOracle {
  private readonly oracle = new JsonLinesOracle<readonly OracleCase[], GoResult[]>('go-template', { args: ['serve'], env: { ...process.env, TZ: 'UTC' } });

  /** Runs a batch of cases in Go. */
  run(cases: readonly OracleCase[]): Promise<GoResult[]> {
    return this.oracle.ask(cases);
  }

  close(): void {
    this.oracle.close();
  }
}
