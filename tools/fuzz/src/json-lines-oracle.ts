import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { goOracle } from '@fjord/devkit';

/**
 * A long-running Go oracle (`oracles/<name>`) spoken to in JSON lines: one request a line on stdin, one answer a
 * line on stdout, in the order asked. One process serves a whole fuzz run, so a case costs a pipe round trip, not a
 * process start; requests may be pipelined (several asked before the first answer comes).
 */
export class JsonLinesOracle<Req, Res> {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: { resolve: (r: Res) => void; reject: (e: Error) => void }[] = [];
  private stderr = '';
  private exited?: Error;

  constructor(name: string, options: { args?: string[]; env?: NodeJS.ProcessEnv } = {}) {
    this.child = spawn(goOracle(name), options.args ?? [], { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    createInterface({ input: this.child.stdout, crlfDelay: Infinity }).on('line', (line) => this.waiting.shift()?.resolve(JSON.parse(line) as Res));
    this.child.on('exit', (code) => {
      this.exited = new Error(`the ${name} oracle exited (code ${code}): ${this.stderr.trim()}`);
      for (const w of this.waiting.splice(0)) w.reject(this.exited);
    });
  }

  /** Sends one request and waits for its answer. */
  ask(req: Req): Promise<Res> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(`${JSON.stringify(req)}\n`);
    });
  }

  /** Ends the oracle's input; it exits once it has answered what it was asked. */
  close(): void {
    this.child.stdin.end();
  }
}
