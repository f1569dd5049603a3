import { Command } from 'commander';
import { registerKustomizeCommands } from './commands/kustomize';
import { registerRenderCommand } from './commands/render';
import { registerLoginCommands } from './commands/login';
import { registerAppCommands } from './commands/app';
import { registerProjCommands } from './commands/proj';
import { registerSealCommand } from './commands/seal';
import { cliVersion } from './version';

/** Builds the `fjord` command tree. Each subcommand lives in its own file and registers itself here. */
export function buildProgram(out: (text: string) => void = (t) => process.stdout.write(t)): Command {
  const program = new Command('fjord')
    .description('Fjord: GitOps for Kubernetes. Git is the source of truth; Fjord keeps the cluster equal to it.')
    .configureOutput({ writeOut: out })
    .showHelpAfterError()
    .exitOverride();

  program
    .command('version')
    .description('Print the version of this CLI')
    .option('--short', 'print only the version number')
    .action((opts: { short?: boolean }) => {
      const version = cliVersion();
      out(opts.short ? `${version}\n` : `fjord: v${version}\n  node: ${process.version}\n  platform: ${process.platform}/${process.arch}\n`);
    });

  registerRenderCommand(program, out);
  registerKustomizeCommands(program, out);
  registerLoginCommands(program, out);
  registerAppCommands(program, out);
  registerProjCommands(program, out);
  registerSealCommand(program);
  return program;
}
