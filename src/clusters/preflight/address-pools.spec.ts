import { DOCKER_BUILT_IN_POOLS, parseIpv4Cidr, poolUsage } from './address-pools.js';

describe(poolUsage.name, () => {
  it("counts Docker's built-in pools as 31 networks, the default bridge taking one", () => {
    expect(poolUsage(DOCKER_BUILT_IN_POOLS, [])).toEqual({ total: 31, used: 0 });
    expect(poolUsage(DOCKER_BUILT_IN_POOLS, ['172.17.0.0/16'])).toEqual({ total: 31, used: 1 });
  });

  it('counts a pool subnet once however many networks touch it, and a network for every subnet it spans', () => {
    const pools = [{ base: '10.210.0.0/16', size: 24 }];
    expect(poolUsage(pools, [])).toEqual({ total: 256, used: 0 });
    expect(poolUsage(pools, ['10.210.3.0/25', '10.210.3.128/25', '10.210.4.0/24'])).toEqual({
      total: 256,
      used: 2,
    });
    expect(poolUsage(pools, ['10.210.8.0/22'])).toEqual({ total: 256, used: 4 });
    // Reaching over the pool's edge counts only what lies inside.
    expect(poolUsage(pools, ['10.208.0.0/14'])).toEqual({ total: 256, used: 256 });
  });

  it('leaves out networks outside the pools and IPv6 subnets (kind adds one per network)', () => {
    expect(
      poolUsage(DOCKER_BUILT_IN_POOLS, [
        '10.0.0.0/24',
        'fc00:f853:ccd:e793::/64',
        '192.168.16.0/20',
      ]),
    ).toEqual({ total: 31, used: 1 });
  });

  it('takes a /24 inside a /16 pool subnet as the whole /16', () => {
    expect(poolUsage(DOCKER_BUILT_IN_POOLS, ['172.20.5.0/24', '172.20.6.0/24'])).toEqual({
      total: 31,
      used: 1,
    });
  });
});

describe(parseIpv4Cidr.name, () => {
  it('reads the covered range and refuses what is not IPv4', () => {
    expect(parseIpv4Cidr('10.0.0.0/8')).toEqual({ start: 10 * 2 ** 24, end: 11 * 2 ** 24 });
    expect(parseIpv4Cidr('255.255.255.255/32')).toEqual({ start: 2 ** 32 - 1, end: 2 ** 32 });
    expect(parseIpv4Cidr('10.0.0.7/24')).toEqual({ start: 10 * 2 ** 24, end: 10 * 2 ** 24 + 256 });
    expect(parseIpv4Cidr('fc00::/64')).toBeUndefined();
    expect(parseIpv4Cidr('300.0.0.0/8')).toBeUndefined();
    expect(parseIpv4Cidr('10.0.0.0/33')).toBeUndefined();
  });
});
