import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Caller } from '../auth/caller';
import { ClientAddressPipe } from './client-address.pipe';
import type { GatewayRequest } from './request-state';

const request = (ctx: ExecutionContext) => ctx.switchToHttp().getRequest<GatewayRequest>();

/** The authenticated caller of this request (set by the auth guard). */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => request(ctx).caller ?? { subject: '' });

/** The request itself, for a pipe that reads it. */
const RequestParam = createParamDecorator((_: unknown, ctx: ExecutionContext): GatewayRequest => request(ctx));

/** The client's address, for rate limits and logs (resolved by {@link ClientAddressPipe}). */
export const ClientAddress = () => RequestParam(ClientAddressPipe);
