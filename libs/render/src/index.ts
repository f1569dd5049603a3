export { SourceType, KUSTOMIZATION_FILES, detectSourceType } from './source-type';
export { renderDirectory, readManifestFile, type DirectoryOptions } from './directory';
export { RecordingFileSystem, type Dependency } from './recording-fs';
export { renderSource, type Renderer, type RenderRequest, type RenderResult } from './renderer';
