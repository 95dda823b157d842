/** One of Docker's `default-address-pools`: `base` is split into subnets of prefix length `size`. */
export interface AddressPool {
  base: string;
  size: number;
}

/**
 * Docker's built-in local pools when daemon.json sets none: 172.17–172.31 as /16 and
 * 192.168.0.0/16 as /20, 31 networks (moby/moby libnetwork/ipamutils/utils.go,
 * `localScopeDefaultNetworks`).
 */
export const DOCKER_BUILT_IN_POOLS: AddressPool[] = [
  { base: '172.17.0.0/16', size: 16 },
  { base: '172.18.0.0/16', size: 16 },
  { base: '172.19.0.0/16', size: 16 },
  { base: '172.20.0.0/14', size: 16 },
  { base: '172.24.0.0/14', size: 16 },
  { base: '172.28.0.0/14', size: 16 },
  { base: '192.168.0.0/16', size: 20 },
];

interface Range {
  start: number;
  /** Exclusive. */
  end: number;
}

/**
 * How many subnets the pools hold and how many of them existing networks take. Docker skips a
 * pool subnet that overlaps any existing network, so a network counts for every pool subnet it
 * touches (a /24 inside 172.18.0.0/16 takes the whole /16). IPv6 subnets are left out.
 */
export function poolUsage(
  pools: AddressPool[],
  subnets: string[],
): { total: number; used: number } {
  const networks = subnets.flatMap((s) => parseIpv4Cidr(s) ?? []);
  let total = 0;
  let used = 0;
  for (const pool of pools) {
    const base = parseIpv4Cidr(pool.base);
    if (!base) continue;
    const prefix = 32 - Math.log2(base.end - base.start);
    if (pool.size < prefix || pool.size > 32) continue;
    const chunk = 2 ** (32 - pool.size);
    total += (base.end - base.start) / chunk;
    const touched = networks
      .filter((n) => n.start < base.end && n.end > base.start)
      .map((n) => ({
        start: Math.floor((Math.max(n.start, base.start) - base.start) / chunk),
        end: Math.floor((Math.min(n.end, base.end) - 1 - base.start) / chunk) + 1,
      }));
    used += coveredLength(touched);
  }
  return { total, used };
}

/** `a.b.c.d/n` as the range of addresses it covers; undefined for anything else (IPv6). */
export function parseIpv4Cidr(text: string): Range | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = octets.reduce((value, octet) => value * 256 + octet, 0);
  const size = 2 ** (32 - prefix);
  const start = Math.floor(address / size) * size;
  return { start, end: start + size };
}

function coveredLength(ranges: Range[]): number {
  let covered = 0;
  let reach = -Infinity;
  for (const { start, end } of [...ranges].sort((a, b) => a.start - b.start)) {
    if (end <= reach) continue;
    covered += end - Math.max(start, reach);
    reach = end;
  }
  return covered;
}
