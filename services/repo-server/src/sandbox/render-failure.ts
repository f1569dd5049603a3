import { ErrorKind, FjordError } from '@fjord/platform';
import { SourceError } from '@fjord/source-fs';

/** A render's error as it crosses from a render process to the repo-server: its kind and message, no stack. */
export interface RenderFailure {
  kind: ErrorKind;
  message: string;
  /** A JavaScript engine limit (string or array length, stack depth) rather than bad input. */
  engineLimit?: boolean;
}

/** The failure to send back for `err`: bad input keeps its message; anything unexpected keeps it for the log. */
export function toRenderFailure(err: unknown): RenderFailure {
  if (err instanceof SourceError) return { kind: ErrorKind.Input, message: err.message };
  if (err instanceof FjordError) return { kind: err.kind, message: err.message };
  if (err instanceof RangeError) return { kind: ErrorKind.Internal, message: err.message, engineLimit: true };
  return { kind: ErrorKind.Internal, message: err instanceof Error ? err.message : String(err) };
}

/** The error the repo-server raises for a failure received from a render process. */
export function fromRenderFailure(failure: RenderFailure): Error {
  if (failure.kind === ErrorKind.Internal) return new Error(failure.message);
  return new FjordError(failure.kind, failure.message);
}
