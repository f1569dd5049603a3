import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { goOracle } from '@fjord/devkit';

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
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: Array<{ resolve: (o: OracleOutcome) => void; reject: (e: Error) => void }> = [];
  private stderr = '';
  private exited?: Error;

  constructor() {
    this.child = spawn(goOracle('kustomize'), [], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    createInterface({ input: this.child.stdout, crlfDelay: Infinity }).on('line', (line) => {
      this.waiting.shift()?.resolve(JSON.parse(line) as OracleOutcome);
    });
    this.child.on('exit', (code) => {
      this.exited = new Error(`the kustomize oracle exited (code ${code}): ${this.stderr.trim()}`);
      for (const w of this.waiting.splice(0)) w.reject(this.exited);
    });
  }

  /** Builds the kustomization in the absolute directory `dir`, as `kustomize build DIR` would. */
  build(dir: string): Promise<OracleOutcome> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(`${JSON.stringify({ dir })}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
  }
}
