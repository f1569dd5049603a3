import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './repo-root';

/** How a program run to its end exited (null when it was killed) and what it printed. */
export interface ProgramOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runProgram}. */
export interface RunProgramOptions {
  /** Added to this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Written to the program's standard input; it is closed either way. */
  stdin?: string;
  /** The program is killed (SIGKILL) after this long, and what it printed so far is returned. */
  timeoutMs?: number;
}

/**
 * Runs a program to its end without blocking the event loop (a service under test may answer it in-process) and
 * collects its output. A non-zero exit is a result, not a rejection; a program that cannot start rejects.
 */
export function runProgram(cmd: string, args: string[], o: RunProgramOptions = {}): Promise<ProgramOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...o.env } });
    let stdout = '';
    let stderr = '';
    const killer = o.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), o.timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(o.stdin ?? '');
  });
}

/** The fjord CLI's entry point in this checkout. */
export const FJORD_CLI = join(repoRoot(), 'cli/bin/fjord.js');

/** Runs the fjord CLI (`node cli/bin/fjord.js …`) to its end; see {@link runProgram}. */
export function runFjord(args: string[], o: RunProgramOptions = {}): Promise<ProgramOutput> {
  return runProgram(process.execPath, [FJORD_CLI, ...args], o);
}
