import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, switchMap, type Observable } from 'rxjs';
import { readBody } from './body';
import type { GatewayRequest } from './request-state';
import { Token, type HttpOptions } from './tokens';

/**
 * Reads the request body, up to `maxBodyBytes` (413 beyond), into `req.body` as raw bytes, after the guards have
 * let the caller in: the JSON body pipes parse it, and the webhook checks its signature over the exact bytes.
 */
@Injectable()
export class BodyInterceptor implements NestInterceptor {
  constructor(@Inject(Token.HttpOptions) private readonly options: HttpOptions) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<GatewayRequest>();
    return from(readBody(req, this.options.maxBodyBytes)).pipe(
      switchMap((raw) => {
        req.body = raw;
        return next.handle();
      }),
    );
  }
}
