import { createHash } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * kube-proxy's chain hash (pkg/proxy/iptables/proxier.go portProtoHash and
 * servicePortEndpointChainName): base32(sha256(servicePortName + protocol [+ endpoint]))[:16],
 * where servicePortName is `ns/name` or `ns/name:port-name` and protocol is lower case.
 */
export function chainHash(servicePortName: string, protocol: string, endpoint = ''): string {
  const digest = createHash('sha256')
    .update(servicePortName + protocol.toLowerCase() + endpoint)
    .digest();
  let bits = '';
  for (const byte of digest.subarray(0, 10)) bits += byte.toString(2).padStart(8, '0');
  return Array.from(
    { length: 16 },
    (_, i) => BASE32[parseInt(bits.slice(i * 5, i * 5 + 5), 2)],
  ).join('');
}

export function servicePortName(namespace: string, name: string, portName?: string): string {
  return `${namespace}/${name}${portName ? `:${portName}` : ''}`;
}
