import { CommanderError } from 'commander';
import { buildProgram } from './program';

buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    process.stderr.write(`fjord: ${(err as Error)?.message ?? String(err)}\n`);
    process.exit(1);
  });
