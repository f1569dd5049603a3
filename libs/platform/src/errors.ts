import { Metadata, status, type ServiceError } from '@grpc/grpc-js';

/** The error kinds Fjord distinguishes; each maps to one gRPC status code. */
export const ErrorKind = {
  Input: 'Input',
  NotFound: 'NotFound',
  Conflict: 'Conflict',
  NotAllowed: 'NotAllowed',
  Unauthenticated: 'Unauthenticated',
  FailedPrecondition: 'FailedPrecondition',
  Unavailable: 'Unavailable',
  Internal: 'Internal',
} as const;
export type ErrorKind = (typeof ErrorKind)[keyof typeof ErrorKind];

/** Base of Fjord's error set: a message meant for the user, a kind, and the cause it wraps. */
export class FjordError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = `${kind}Error`;
  }
}

/** The base of one kind's error class below: its constructor takes only the message and options (`new NotFoundError(message, { cause })`). */
function errorOfKind(kind: ErrorKind) {
  return class extends FjordError {
    constructor(message: string, options?: { cause?: unknown }) {
      super(kind, message, options);
    }
  };
}

/** Bad input from the caller (a broken manifest, a path outside the repo); gRPC INVALID_ARGUMENT. */
export class InputError extends errorOfKind(ErrorKind.Input) {}

/** Something named does not exist (a repo, a revision, an app); gRPC NOT_FOUND. */
export class NotFoundError extends errorOfKind(ErrorKind.NotFound) {}

/** The request conflicts with current state (already exists, stale resourceVersion); gRPC ALREADY_EXISTS. */
export class ConflictError extends errorOfKind(ErrorKind.Conflict) {}

/** The caller is known but not allowed (RBAC, AppProject); gRPC PERMISSION_DENIED. */
export class NotAllowedError extends errorOfKind(ErrorKind.NotAllowed) {}

/** The caller is not known (no or bad token); gRPC UNAUTHENTICATED. */
export class UnauthenticatedError extends errorOfKind(ErrorKind.Unauthenticated) {}

/** The system is not in a state to do this (e.g. an operation already running); gRPC FAILED_PRECONDITION. */
export class FailedPreconditionError extends errorOfKind(ErrorKind.FailedPrecondition) {}

/** A dependency cannot be reached right now; retrying may help; gRPC UNAVAILABLE. */
export class UnavailableError extends errorOfKind(ErrorKind.Unavailable) {}

const kindToStatus: Record<ErrorKind, status> = {
  Input: status.INVALID_ARGUMENT,
  NotFound: status.NOT_FOUND,
  Conflict: status.ALREADY_EXISTS,
  NotAllowed: status.PERMISSION_DENIED,
  Unauthenticated: status.UNAUTHENTICATED,
  FailedPrecondition: status.FAILED_PRECONDITION,
  Unavailable: status.UNAVAILABLE,
  Internal: status.INTERNAL,
};

const statusToKind = new Map<status, ErrorKind>(Object.entries(kindToStatus).map(([kind, code]) => [code, kind as ErrorKind]));

/** A lone UTF-16 surrogate (half a character, e.g. from an error quoting one code unit of bad input). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The one place errors become gRPC statuses. Unknown errors are INTERNAL with a generic message. Details are made
 * well-formed Unicode: grpc-js percent-encodes them into a trailer, and a lone surrogate would fail that encoding.
 */
export function toGrpcError(err: unknown): Partial<ServiceError> & { code: status; details: string } {
  if (err instanceof FjordError) {
    return { code: kindToStatus[err.kind], details: err.message.replace(LONE_SURROGATE, '\ufffd'), metadata: new Metadata() };
  }
  if (isServiceError(err)) return { code: err.code, details: err.details, metadata: err.metadata };
  return { code: status.INTERNAL, details: 'internal error', metadata: new Metadata() };
}

/** Turns a gRPC error received from another service back into Fjord's error set. */
export function fromGrpcError(err: unknown): FjordError {
  if (err instanceof FjordError) return err;
  if (isServiceError(err)) {
    return new FjordError(statusToKind.get(err.code) ?? ErrorKind.Internal, err.details || err.message, { cause: err });
  }
  return new FjordError(ErrorKind.Internal, (err as Error)?.message ?? String(err), { cause: err });
}

function isServiceError(err: unknown): err is ServiceError {
  return typeof err === 'object' && err !== null && typeof (err as ServiceError).code === 'number' && 'details' in err;
}
