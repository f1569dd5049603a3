import { status } from '@grpc/grpc-js';
import {
  ConflictError,
  ErrorKind,
  FailedPreconditionError,
  fromGrpcError,
  InputError,
  NotAllowedError,
  NotFoundError,
  toGrpcError,
  UnauthenticatedError,
  UnavailableError,
} from './errors';

describe('error mapping', () => {
  it.each([
    [new InputError('bad'), status.INVALID_ARGUMENT],
    [new NotFoundError('gone'), status.NOT_FOUND],
    [new ConflictError('exists'), status.ALREADY_EXISTS],
    [new NotAllowedError('no'), status.PERMISSION_DENIED],
    [new UnauthenticatedError('who'), status.UNAUTHENTICATED],
    [new FailedPreconditionError('not now'), status.FAILED_PRECONDITION],
    [new UnavailableError('later'), status.UNAVAILABLE],
  ])('maps %p to its gRPC code and round-trips', (err, code) => {
    const grpc = toGrpcError(err);
    expect(grpc.code).toBe(code);
    expect(grpc.details).toBe(err.message);
    const back = fromGrpcError(Object.assign(new Error(grpc.details), grpc));
    expect(back.kind).toBe(err.kind);
    expect(back.message).toBe(err.message);
  });

  it('hides the message of unexpected errors, which may carry internals', () => {
    const grpc = toGrpcError(new Error('password=hunter2 at /etc/x'));
    expect(grpc).toMatchObject({ code: status.INTERNAL, details: 'internal error' });
  });

  it('keeps the cause when wrapping', () => {
    const cause = new Error('ENOENT');
    const err = new InputError('failed to read overlays/prod/kustomization.yaml', { cause });
    expect(err.cause).toBe(cause);
    expect(err.kind).toBe(ErrorKind.Input);
    expect(err.name).toBe('InputError');
  });
});

describe('toGrpcError with half a character in the message', () => {
  it('replaces a lone surrogate, which grpc-js could not put in a trailer', () => {
    const details = toGrpcError(new InputError('bad token \ud8f0 here \ud83d\ude00')).details;
    expect(details).toBe('bad token \ufffd here \ud83d\ude00');
    expect(() => encodeURI(details)).not.toThrow();
  });
});
