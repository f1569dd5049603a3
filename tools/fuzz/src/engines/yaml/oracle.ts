import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { goOracle } from '@fjord/devkit';

/** How the oracle reads a text: one document (YAMLToJSON) or a `---` stream (YAMLReader, then YAMLToJSON each). */
export type ReadMode = 'doc' | 'stream';

/** The oracle's answer: the documents as JSON values, or Go's error. */
export type GoAnswer = { docs: unknown[] } | { error: string };

/**
 * The Go YAML oracle (`oracles/yaml`), one long-running process answering one JSON line per request, in order.
 * Requests are pipelined: a batch is written at once and its answers are read as they come.
 */
export class YamlOracle {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly waiting: ((line: string) => void)[] = [];
  private failure?: Error;

  constructor() {
    this.proc = spawn(goOracle('yaml'), [], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    this.proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    this.proc.on('exit', (code) => {
      this.failure = new Error(`the Go YAML oracle exited (${code}): ${stderr.trim()}`);
      for (const w of this.waiting.splice(0)) w('');
    });
    createInterface({ input: this.proc.stdout }).on('line', (line) => this.waiting.shift()?.(line));
  }

  /** Reads each text in its mode, as Go does. */
  async read(requests: readonly { mode: ReadMode; text: string }[]): Promise<GoAnswer[]> {
    const answers = requests.map(
      () =>
        new Promise<string>((resolve) => {
          this.waiting.push(resolve);
        }),
    );
    this.proc.stdin.write(requests.map((r) => `${JSON.stringify(r)}\n`).join(''));
    const lines = await Promise.all(answers);
    if (this.failure) throw this.failure;
    // Go leaves out an empty list of documents.
    return lines.map((l) => JSON.parse(l) as GoAnswer).map((a) => ('error' in a ? a : { docs: a.docs ?? [] }));
  }

  close(): void {
    this.proc.stdin.end();
    this.proc.kill();
  }
}
