export { defaultRenderers, type RendererOptions } from './default-renderers';
export { kustomizeRenderer } from './kustomize-renderer';
export { helmRenderer, type HelmRendererOptions } from './helm-renderer';
export { applyKustomizeOptions, isEmptyKustomizeOptions, type KustomizeSourceOptions } from './kustomize-options';
export { OverlayFileSystem } from './overlay-fs';
