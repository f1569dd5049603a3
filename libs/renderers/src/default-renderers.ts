import type { KustomizeOptions } from '@fjord/kustomize';
import type { Renderer } from '@fjord/render';
import { helmRenderer, type HelmRendererOptions } from './helm-renderer';
import { kustomizeRenderer } from './kustomize-renderer';

/** Options of the renderers Fjord ships. */
export interface RendererOptions {
  kustomize?: KustomizeOptions;
  helm?: HelmRendererOptions;
}

/** Every renderer Fjord ships, for the repo-server and `fjord render` alike. */
export function defaultRenderers(options: RendererOptions = {}): Renderer[] {
  return [kustomizeRenderer(options.kustomize), helmRenderer(options.helm)];
}
