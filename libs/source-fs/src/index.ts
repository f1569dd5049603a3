export { SourceError, formatLocation, type SourceLocation } from './source-error';
export { resolveInRepo, normalizeRepoPath } from './paths';
export type { SourceFileSystem, DirEntry, EntryType } from './source-fs';
export { MemoryFileSystem } from './memory-fs';
export { ReadBudget, DEFAULT_READ_LIMITS, type ReadLimits } from './read-budget';
