import net from 'node:net';
import type { IpBlock } from './policy-model.js';

/** An IPv4 network as unsigned 32-bit base and mask. */
export interface Ipv4Network {
  base: number;
  mask: number;
}

export function parseIpv4(ip: string): number | undefined {
  if (!net.isIPv4(ip)) return undefined;
  return ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

/**
 * Parses `a.b.c.d/n`. Host bits are cleared, as the API server does not require a canonical
 * network address (`10.244.1.10/4` is `0.0.0.0/4`). IPv6 networks yield undefined.
 */
export function parseIpv4Cidr(cidr: string): Ipv4Network | undefined {
  const [ip, bits, ...rest] = cidr.split('/');
  const address = parseIpv4(ip ?? '');
  if (rest.length > 0 || address === undefined || !/^\d{1,2}$/.test(bits ?? '')) return undefined;
  const prefix = Number(bits);
  if (prefix > 32) return undefined;
  // `>>> 0` keeps the mask unsigned; a shift by 32 would be a no-op in JavaScript.
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { base: (address & mask) >>> 0, mask };
}

export function isValidCidr(cidr: string): boolean {
  const [ip, bits, ...rest] = cidr.split('/');
  const family = net.isIP(ip ?? '');
  if (rest.length > 0 || family === 0 || !/^\d{1,3}$/.test(bits ?? '')) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

export function networkContains(network: Ipv4Network, address: number): boolean {
  return (address & network.mask) >>> 0 === network.base;
}

/**
 * A predicate for pod IPs: inside `cidr` and outside every `except`. Only IPv4 is evaluated;
 * an IPv6 block matches no IPv4 pod, and a pod without IP matches no block.
 */
export function compileIpBlock(block: IpBlock): (ip: string | undefined) => boolean {
  const network = parseIpv4Cidr(block.cidr);
  const excepts = block.except.map(parseIpv4Cidr).filter((n): n is Ipv4Network => n !== undefined);
  return (ip) => {
    const address = ip === undefined ? undefined : parseIpv4(ip);
    if (network === undefined || address === undefined) return false;
    return networkContains(network, address) && !excepts.some((n) => networkContains(n, address));
  };
}
