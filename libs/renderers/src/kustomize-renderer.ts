import { buildKustomization, KUSTOMIZATION_FILE_NAMES, type KustomizeOptions } from '@fjord/kustomize';
import { SourceType, type Renderer } from '@fjord/render';
import { applyKustomizeOptions, isEmptyKustomizeOptions, type KustomizeSourceOptions } from './kustomize-options';
import { OverlayFileSystem } from './overlay-fs';

/** The Kustomize renderer: builds the app's kustomization in-process, after applying spec.source.kustomize. */
export function kustomizeRenderer(options: KustomizeOptions = {}): Renderer {
  return {
    type: SourceType.Kustomize,
    render(fs, request) {
      const sourceOptions = request.kustomize as KustomizeSourceOptions | undefined;
      let view = fs;
      if (!isEmptyKustomizeOptions(sourceOptions)) {
        const dir = request.path;
        const name = KUSTOMIZATION_FILE_NAMES.find((n) => fs.stat(dir ? `${dir}/${n}` : n) === 'file');
        if (name) {
          const file = dir ? `${dir}/${name}` : name;
          view = new OverlayFileSystem(fs, { [file]: applyKustomizeOptions(fs.readText(file), file, sourceOptions!) });
        }
      }
      return buildKustomization(view, request.path, options);
    },
  };
}
