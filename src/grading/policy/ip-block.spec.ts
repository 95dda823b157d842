import { compileIpBlock, isValidCidr, parseIpv4, parseIpv4Cidr } from './ip-block.js';

describe(parseIpv4Cidr.name, () => {
  it('clears host bits of a non-canonical network', () => {
    expect(parseIpv4Cidr('10.244.1.10/4')).toEqual(parseIpv4Cidr('0.0.0.0/4'));
    expect(parseIpv4Cidr('10.244.1.10/16')).toEqual({
      base: parseIpv4('10.244.0.0'),
      mask: 0xffff0000,
    });
  });

  it('handles /0 and /32', () => {
    expect(parseIpv4Cidr('1.2.3.4/0')).toEqual({ base: 0, mask: 0 });
    expect(parseIpv4Cidr('255.255.255.255/32')).toEqual({ base: 0xffffffff, mask: 0xffffffff });
  });

  it.each(['10.0.0.0', '10.0.0.0/33', '10.0.0/8', '10.0.0.0/8/1', 'fd00::/8', '10.0.0.0/ 8'])(
    'rejects %s',
    (cidr) => expect(parseIpv4Cidr(cidr)).toBeUndefined(),
  );

  it('accepts IPv6 networks as valid CIDRs', () => {
    expect(isValidCidr('fd00::/8')).toBe(true);
    expect(isValidCidr('fd00::/129')).toBe(false);
    expect(isValidCidr('10.0.0.0/8')).toBe(true);
    expect(isValidCidr('10.0.0.0')).toBe(false);
  });
});

describe(compileIpBlock.name, () => {
  const block = compileIpBlock({
    cidr: '10.244.0.0/16',
    except: ['10.244.1.0/24', '10.244.2.7/32'],
  });

  it.each([
    ['10.244.0.5', true],
    ['10.244.1.5', false],
    ['10.244.2.7', false],
    ['10.244.2.8', true],
    ['10.245.0.1', false],
    [undefined, false],
    ['fd00::1', false],
  ])('%s → %s', (ip, expected) => expect(block(ip)).toBe(expected));

  it('matches every IPv4 address with 0.0.0.0/0 and none with an IPv6 block', () => {
    expect(compileIpBlock({ cidr: '0.0.0.0/0', except: [] })('203.0.113.9')).toBe(true);
    expect(compileIpBlock({ cidr: '::/0', except: [] })('203.0.113.9')).toBe(false);
  });
});
