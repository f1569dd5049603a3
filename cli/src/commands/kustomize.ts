import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { buildKustomization, editSetImage, KUSTOMIZATION_FILE_NAMES, stringifyKustomizeOutput } from '@fjord/kustomize';
import { openSource } from './local-source';

/** `fjord kustomize build DIR` and `fjord kustomize edit set image …`: kustomize's CLI, in-process. */
export function registerKustomizeCommands(program: Command, out: (text: string) => void): void {
  const kustomize = program.command('kustomize').description('Build and edit kustomizations with the in-process Kustomize engine');

  kustomize
    .command('build')
    .description('Print the objects a kustomization produces, as `kustomize build` does')
    .argument('[dir]', 'directory holding a kustomization', '.')
    .action(async (dir: string) => {
      const opened = await openSource(dir, {});
      out(stringifyKustomizeOutput(buildKustomization(opened.fs, opened.path)));
    });

  kustomize
    .command('edit')
    .description('Edit the kustomization in the current directory')
    .command('set')
    .description('Set a value in the kustomization')
    .command('image')
    .description('Set images and their new names, tags or digests (name=newName:tag, name:tag, name@digest)')
    .argument('<images...>', 'one or more image arguments')
    .action((images: string[]) => {
      const file = KUSTOMIZATION_FILE_NAMES.map((n) => join(process.cwd(), n)).find((f) => existsSync(f));
      if (!file) throw new Error(`no kustomization file (${KUSTOMIZATION_FILE_NAMES.join(', ')}) in ${process.cwd()}`);
      let text = readFileSync(file, 'utf8');
      for (const image of images) text = editSetImage(text, image);
      writeFileSync(file, text);
    });
}
