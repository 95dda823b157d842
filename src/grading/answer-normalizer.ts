import net from 'node:net';

export type AnswerType = 'ip' | 'cidr' | 'name' | 'number' | 'text';

/**
 * Brings an answer into a canonical form so that `10.244.001.5 ` and `10.244.1.5` compare equal.
 * Returns undefined when the input is not of the type at all (e.g. "hallo" for an IP).
 */
export function normalizeAnswer(type: AnswerType, raw: string): string | undefined {
  const value = raw.trim();
  switch (type) {
    case 'ip':
      return canonicalIp(value);
    case 'cidr': {
      const [ip, bits, ...rest] = value.split('/');
      const prefix = Number(bits);
      const canonical = canonicalIp(ip ?? '');
      const max = canonical?.includes(':') ? 128 : 32;
      if (rest.length || !canonical || bits === undefined || !/^\d+$/.test(bits) || prefix > max)
        return undefined;
      return `${canonical}/${prefix}`;
    }
    case 'name':
      return value.length > 0 ? value.toLowerCase().replace(/\.$/, '') : undefined;
    case 'number': {
      const n = Number(value.replace(',', '.'));
      return value !== '' && Number.isFinite(n) ? String(n) : undefined;
    }
    case 'text':
      return value.length > 0 ? value.replace(/\s+/g, ' ').toLowerCase() : undefined;
  }
}

function canonicalIp(value: string): string | undefined {
  if (net.isIPv6(value)) {
    // A zone (`fe80::1%eth0`) passes isIPv6 but makes URL throw; it is no answer to compare.
    const url = `http://[${value}]/`;
    return URL.canParse(url) ? new URL(url).hostname.slice(1, -1) : undefined;
  }
  const parts = value.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255))
    return undefined;
  return parts.map(Number).join('.');
}
