/**
 * The real kubeseal v0.36.6 (built by tools/test-cluster), offline: it seals with a certificate file (`--cert`, many
 * Secrets in one run: it reads a stream of objects) and unseals with a private key file (`--recovery-unseal`, one
 * SealedSecret a run: it reads only the first object). It reads YAML as Go does (YAML 1.1: `n` is false).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSealingKey, privateKeyPem, type SealedSecret, type Secret, type SealingKey, type SealingScope } from '@fjord/sealing';
import { ensureBinaries } from '@fjord/test-cluster';

/** What kubeseal gave for one input: the object it printed, or its error. */
export type KubesealAnswer<T> = { object: T } | { error: string };

/** Unseal runs at once (each is a process of its own). */
const PARALLEL = 4;

interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runProcess(cmd: string, args: string[], stdin: string): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.on('error', () => undefined); // kubeseal may exit before reading all of a refused input
    child.stdin.end(stdin);
  });
}

/** kubeseal with a key pair of its own (made by Fjord, written as PEM files kubeseal reads). */
export class Kubeseal {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    /** The key pair: kubeseal seals to its certificate and unseals with its private key; Fjord uses the same. */
    readonly key: SealingKey,
  ) {}

  static async start(): Promise<Kubeseal> {
    const bin = (await ensureBinaries()).kubeseal;
    const key = await generateSealingKey({ bits: 2048 });
    const dir = mkdtempSync(join(tmpdir(), 'fjord-fuzz-sealing-'));
    writeFileSync(join(dir, 'cert.pem'), key.certificatePem);
    writeFileSync(join(dir, 'key.pem'), privateKeyPem(key.privateKey));
    writeFileSync(join(dir, 'kubeconfig'), 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
    return new Kubeseal(bin, dir, key);
  }

  private run(args: string[], stdin: string): Promise<ProcessResult> {
    return runProcess(this.bin, [...args, '--kubeconfig', join(this.dir, 'kubeconfig')], stdin);
  }

  /**
   * Seals each Secret text (all JSON or all YAML) with `kubeseal --cert cert.pem -o json|yaml`, and `--scope` when
   * given: one run for all; when it refuses one, each alone. The output is read by `read` (Fjord's reader: reading
   * kubeseal's output is part of what is compared).
   */
  async seal(
    texts: string[],
    options: { format: 'json' | 'yaml'; scope?: SealingScope; read: (text: string) => unknown[] },
  ): Promise<KubesealAnswer<SealedSecret>[]> {
    const args = ['--cert', join(this.dir, 'cert.pem'), '-o', options.format, ...(options.scope ? ['--scope', options.scope] : [])];
    const all = await this.run(args, texts.join(options.format === 'json' ? '\n' : '---\n'));
    if (all.code === 0) {
      const objects = options.read(all.stdout) as SealedSecret[];
      if (objects.length === texts.length) return objects.map((object) => ({ object }));
    }
    if (texts.length === 1) return [{ error: all.stderr.trim() || `kubeseal exited ${all.code} printing ${all.stdout.length} bytes` }];
    const each: KubesealAnswer<SealedSecret>[] = [];
    for (const t of texts) each.push(...(await this.seal([t], options)));
    return each;
  }

  /**
   * Unseals each SealedSecret text, JSON or YAML (`kubeseal --recovery-unseal --recovery-private-key key.pem -o json`),
   * a run each.
   */
  async unseal(sealed: string[]): Promise<KubesealAnswer<Secret>[]> {
    const answers: KubesealAnswer<Secret>[] = new Array(sealed.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < sealed.length; i = next++) {
        const res = await this.run(['--recovery-unseal', '--recovery-private-key', join(this.dir, 'key.pem'), '-o', 'json'], sealed[i]);
        answers[i] = res.code === 0 ? { object: JSON.parse(res.stdout) as Secret } : { error: res.stderr.trim() };
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    return answers;
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
