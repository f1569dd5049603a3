import { grpcPeerAddress, TrustedProxies } from './client-address';

describe('client addresses', () => {
  it('ignores X-Forwarded-For unless a trusted proxy sent it', () => {
    expect(new TrustedProxies('').clientAddress('10.0.0.7', '1.2.3.4')).toBe('10.0.0.7');
    expect(new TrustedProxies('10.0.0.1').clientAddress('::ffff:10.0.0.7', '1.2.3.4')).toBe('10.0.0.7');
  });

  it("believes a trusted proxy's X-Forwarded-For, skipping trusted hops from the right and never the client-written left", () => {
    const trusted = new TrustedProxies('10.0.0.0/8, ::1');
    expect(trusted.clientAddress('10.0.0.1', '1.2.3.4')).toBe('1.2.3.4');
    expect(trusted.clientAddress('::1', 'forged-by-client, 5.6.7.8, 10.0.0.2')).toBe('5.6.7.8');
    expect(trusted.clientAddress('10.0.0.1', '6.6.6.6, 5.6.7.8')).toBe('5.6.7.8');
    expect(trusted.clientAddress('10.0.0.1', undefined)).toBe('10.0.0.1');
  });

  it('refuses a malformed --trusted-proxies entry by name', () => {
    expect(() => new TrustedProxies('10.0.0.0/33')).toThrow("--trusted-proxies: '10.0.0.0/33' is not an IP address or CIDR");
    expect(() => new TrustedProxies('proxy.local')).toThrow("'proxy.local'");
  });

  it('reads gRPC peers', () => {
    expect(grpcPeerAddress('ipv4:127.0.0.1:5000')).toBe('127.0.0.1');
    expect(grpcPeerAddress('ipv6:[::1]:5000')).toBe('::1');
    expect(grpcPeerAddress('unix:/tmp/s')).toBeUndefined();
  });
});
