import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { goOracle } from '@fjord/devkit';

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
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly waiting: ((line: string) => void)[] = [];
  private failure?: Error;

  constructor() {
    this.proc = spawn(goOracle('go-template'), ['serve'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, TZ: 'UTC' } });
    let stderr = '';
    this.proc.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    this.proc.on('exit', (code) => {
      this.failure = new Error(`the Go template oracle exited (${code}): ${stderr.trim()}`);
      for (const w of this.waiting.splice(0)) w('');
    });
    createInterface({ input: this.proc.stdout }).on('line', (line) => this.waiting.shift()?.(line));
  }

  /** Runs a batch of cases in Go. */
  async run(cases: readonly OracleCase[]): Promise<GoResult[]> {
    const answer = new Promise<string>((resolve) => this.waiting.push(resolve));
    this.proc.stdin.write(`${JSON.stringify(cases)}\n`);
    const line = await answer;
    if (this.failure) throw this.failure;
    return JSON.parse(line) as GoResult[];
  }

  close(): void {
    this.proc.stdin.end();
  }
}
