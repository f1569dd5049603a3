import { SourceError } from './source-error';

/** Bounds on what one render may read from a source, whatever stores it. */
export interface ReadLimits {
  /** Largest single file, in bytes. */
  maxFileBytes: number;
  /** Largest total of bytes read through one file system. */
  maxTotalBytes: number;
  /** Most files read through one file system. */
  maxFiles: number;
}

/** Defaults: 10 MiB a file, 256 MiB and 20,000 files in all. */
export const DEFAULT_READ_LIMITS: ReadLimits = { maxFileBytes: 10 << 20, maxTotalBytes: 256 << 20, maxFiles: 20_000 };

/**
 * What one file system has read so far, against its limits. Implementations call `admit` with a file's size
 * before reading its bytes, so that every source refuses the same reads with the same errors.
 */
export class ReadBudget {
  readonly limits: ReadLimits;
  private bytesRead = 0;
  private filesRead = 0;

  constructor(limits: Partial<ReadLimits> = {}) {
    this.limits = { ...DEFAULT_READ_LIMITS, ...limits };
  }

  /** Counts a read of `size` bytes from `file`; throws SourceError naming the file when it is over a limit. */
  admit(file: string, size: number): void {
    if (size > this.limits.maxFileBytes) {
      throw new SourceError(`is ${size} bytes, over the limit of ${this.limits.maxFileBytes}`, { file });
    }
    if (++this.filesRead > this.limits.maxFiles) {
      throw new SourceError(`reading more than ${this.limits.maxFiles} files from one source is not allowed`, { file });
    }
    this.bytesRead += size;
    if (this.bytesRead > this.limits.maxTotalBytes) {
      throw new SourceError(`reading more than ${this.limits.maxTotalBytes} bytes from one source is not allowed`, { file });
    }
  }
}
