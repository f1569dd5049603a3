import type { KubeObject } from '@fjord/k8s-yaml';
import { SourceError, type SourceFileSystem } from '@fjord/source-fs';
import { renderDirectory, type DirectoryOptions } from './directory';
import { detectSourceType, SourceType } from './source-type';

/** Everything a renderer may use besides the files: the Application's source options and its context. */
export interface RenderRequest {
  /** Repository-relative path of the app ('' is the root). */
  path: string;
  /** Forces a type (the Application set `directory`, `kustomize` or `helm`); detected otherwise. */
  sourceType?: SourceType;
  directory?: DirectoryOptions;
  /** spec.source.kustomize, as in the CRD; interpreted by the Kustomize renderer. */
  kustomize?: Record<string, unknown>;
  /** spec.source.helm, as in the CRD; interpreted by the Helm renderer. */
  helm?: Record<string, unknown>;
  appName?: string;
  /** The destination namespace. */
  namespace?: string;
  kubeVersion?: string;
  apiVersions?: string[];
}

/** A renderer for one source type (Kustomize, Helm), plugged into `renderSource`. */
export interface Renderer {
  type: SourceType;
  render(fs: SourceFileSystem, request: RenderRequest): KubeObject[];
}

/** What a render produced. */
export interface RenderResult {
  sourceType: SourceType;
  objects: KubeObject[];
}

/**
 * Renders a source: detects its type, then renders a plain directory itself or hands the source to the renderer
 * registered for its type. A type with no renderer is a SourceError, never an empty result.
 */
export function renderSource(fs: SourceFileSystem, request: RenderRequest, renderers: readonly Renderer[] = []): RenderResult {
  if (fs.stat(request.path) !== 'dir') {
    throw new SourceError('app path does not exist or is not a directory', { file: request.path || '.' });
  }
  const sourceType = detectSourceType(fs, request.path, request.sourceType);
  if (sourceType === SourceType.Directory) {
    return { sourceType, objects: renderDirectory(fs, request.path, request.directory) };
  }
  const renderer = renderers.find((r) => r.type === sourceType);
  if (!renderer) throw new SourceError(`${sourceType} sources are not supported by this build`, { file: request.path || '.' });
  return { sourceType, objects: renderer.render(fs, request) };
}
