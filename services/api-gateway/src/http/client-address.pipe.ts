import { Inject, Injectable, type PipeTransform } from '@nestjs/common';
import type { TrustedProxies } from '../auth/client-address';
import type { GatewayRequest } from './request-state';
import { Token } from './tokens';

/**
 * Turns a request into its client's address, for rate limits and logs: the peer's address, or the client that
 * X-Forwarded-For names when the peer is a trusted proxy (`--trusted-proxies`). Used by `@ClientAddress()`.
 */
@Injectable()
export class ClientAddressPipe implements PipeTransform<GatewayRequest, string> {
  constructor(@Inject(Token.TrustedProxies) private readonly proxies: TrustedProxies) {}

  transform(req: GatewayRequest): string {
    return this.proxies.clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for']);
  }
}
