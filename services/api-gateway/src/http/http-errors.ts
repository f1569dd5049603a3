import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { ErrorKind, FjordError, toGrpcError, type Logger } from '@fjord/platform';
import { TooManyAttemptsError } from '../auth/login-limiter';
import { PayloadTooLargeError } from './body';
import { Token } from './tokens';

const kindToHttp: Record<ErrorKind, number> = {
  Input: 400,
  NotFound: 404,
  Conflict: 409,
  NotAllowed: 403,
  Unauthenticated: 401,
  FailedPrecondition: 400,
  Unavailable: 503,
  Internal: 500,
};

/** The HTTP status and message of an error: the one place Fjord's error set becomes HTTP. */
export function httpError(err: unknown): { status: number; message: string; grpcCode: number } {
  if (err instanceof PayloadTooLargeError) return { status: 413, message: err.message, grpcCode: GrpcStatus.INVALID_ARGUMENT };
  if (err instanceof TooManyAttemptsError) return { status: 429, message: err.message, grpcCode: GrpcStatus.RESOURCE_EXHAUSTED };
  if (err instanceof FjordError) return { status: kindToHttp[err.kind], message: err.message, grpcCode: toGrpcError(err).code };
  if (err instanceof HttpException) return { status: err.getStatus(), message: err.message, grpcCode: GrpcStatus.UNKNOWN };
  return { status: 500, message: 'internal error', grpcCode: GrpcStatus.INTERNAL };
}

/**
 * The one exception filter of the REST API: answers `{error, code, message}` (the shape Argo CD's REST gateway
 * uses) with the mapped status, logs 4xx at info and 5xx at error, with the message but never a body or header.
 */
@Catch()
export class FjordExceptionFilter implements ExceptionFilter {
  constructor(@Inject(Token.Logger) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<{ method: string; path: string }>();
    const res = ctx.getResponse<{ headersSent: boolean; status(n: number): { json(b: unknown): void }; setHeader(k: string, v: string): void; end(): void }>();
    const { status, message, grpcCode } = httpError(exception);
    const fields = { method: req.method, path: req.path, status, message };
    if (status >= 500) this.logger.error({ ...fields, err: exception }, 'request failed');
    else this.logger.info(fields, 'request refused');
    if (res.headersSent) return res.end();
    if (exception instanceof TooManyAttemptsError) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    res.status(status).json({ error: message, code: grpcCode, message });
  }
}
