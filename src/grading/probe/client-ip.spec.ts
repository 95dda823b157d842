import { recorded } from '../../../test/support/fake-environment-handle.js';
import { gatewayOf, parseClientIp } from './client-ip.js';

describe(parseClientIp.name, () => {
  it('reads the address from netexec’s `ip:port` answer', () => {
    expect(parseClientIp(recorded('curl-clientip', 'ok').stdout)).toBe('172.18.0.3');
    expect(parseClientIp('[fd00:10:244:1::2]:41234\n')).toBe('fd00:10:244:1::2');
  });

  it('reads nothing from an answer of another shape', () => {
    expect(parseClientIp('NOW: 2026-11-23 10:00:00')).toBeUndefined();
    expect(parseClientIp('')).toBeUndefined();
  });
});

describe(gatewayOf.name, () => {
  it('gives the first address of a node’s pod CIDR', () => {
    expect(gatewayOf('10.244.2.0/24')).toEqual(['10.244.2.1']);
    expect(gatewayOf('10.244.255.0/24')).toEqual(['10.244.255.1']);
  });

  it('gives nothing for IPv6 or malformed CIDRs', () => {
    expect(gatewayOf('fd00:10:244:1::/64')).toEqual([]);
    expect(gatewayOf('10.244.2.0/32')).toEqual([]);
  });
});
