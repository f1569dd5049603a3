import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Caller } from '../auth/caller';
import type { GatewayRequest } from './request-state';

const request = (ctx: ExecutionContext) => ctx.switchToHttp().getRequest<GatewayRequest>();

/** The authenticated caller of this request (set by the auth guard). */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => request(ctx).caller ?? { subject: '' });

/** The client's address, for rate limits and logs (set by the auth guard). */
export const ClientAddress = createParamDecorator((_: unknown, ctx: ExecutionContext): string => request(ctx).client ?? '');
