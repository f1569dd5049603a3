import { BlockList, isIP } from 'node:net';
import { InputError } from '@fjord/platform';

/** Where the address of an unknown peer is needed but none is known. */
export const UNKNOWN_CLIENT = 'unknown';

/** `::ffff:1.2.3.4` (an IPv4 peer on a dual-stack socket) as `1.2.3.4`; other addresses unchanged. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

/** The proxies whose `X-Forwarded-For` is believed (`--trusted-proxies`); none by default. */
export class TrustedProxies {
  private readonly list = new BlockList();
  private readonly empty: boolean;

  /** Parses a comma-separated list of addresses and CIDRs (`10.0.0.0/8, ::1`); InputError naming a bad entry. */
  constructor(spec: string) {
    const entries = spec
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    for (const entry of entries) {
      const [address, bits, extra] = entry.split('/');
      const family = isIP(address);
      const prefix = bits === undefined ? undefined : Number(bits);
      const max = family === 4 ? 32 : 128;
      if (!family || extra !== undefined || (prefix !== undefined && (!Number.isInteger(prefix) || prefix < 0 || prefix > max))) {
        throw new InputError(`--trusted-proxies: '${entry}' is not an IP address or CIDR`);
      }
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (prefix === undefined) this.list.addAddress(address, type);
      else this.list.addSubnet(address, prefix, type);
    }
    this.empty = entries.length === 0;
  }

  /** True when `address` is a trusted proxy. */
  trusts(address: string): boolean {
    if (this.empty) return false;
    const a = normalizeAddress(address);
    const family = isIP(a);
    return family !== 0 && this.list.check(a, family === 4 ? 'ipv4' : 'ipv6');
  }

  /**
   * The client's address: the connection's peer, unless that peer is a trusted proxy; then the right-most
   * `X-Forwarded-For` entry that is not itself a trusted proxy (entries to its left are client-written and proved
   * by nobody). Without trusted proxies the header is ignored.
   */
  clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined): string {
    const direct = peer ? normalizeAddress(peer) : UNKNOWN_CLIENT;
    if (!peer || !this.trusts(peer) || forwardedFor === undefined) return direct;
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
      .split(',')
      .map((h) => normalizeAddress(h.trim()))
      .filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i--) {
      if (!isIP(hops[i])) return direct;
      if (!this.trusts(hops[i])) return hops[i];
    }
    return hops[0] ?? direct;
  }
}

/** The address in a gRPC peer string (`ipv4:1.2.3.4:5678`, `ipv6:[::1]:5678`, `1.2.3.4:5678`). */
export function grpcPeerAddress(peer: string): string | undefined {
  const rest = peer.replace(/^(ipv4|ipv6):/, '');
  const bracketed = /^\[([^\]]+)\](:\d+)?$/.exec(rest);
  if (bracketed) return bracketed[1];
  const v4 = /^(\d+\.\d+\.\d+\.\d+)(:\d+)?$/.exec(rest);
  if (v4) return v4[1];
  return isIP(rest) ? rest : undefined;
}
