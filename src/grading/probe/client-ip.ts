import net from 'node:net';
import type { EnvironmentHandle, ExecResult } from '../../clusters/environment-handle.js';
import { CannotCheckError } from '../check-errors.js';
import { key } from '../../kube/cluster-objects.js';
import type { ProbePod } from '../refs/pod-refs.js';
import { joinHostPort } from '../../clusters/probe/agnhost-connect.js';
import { execInProbe, execOnNode } from './tool-exec.js';

/**
 * Asks agnhost `netexec` which address it sees: `/clientip` answers the peer address as
 * `ip:port` (test/images/agnhost/netexec/netexec.go). The client is `curl`, which the agnhost
 * image and kind's node image both have.
 */
export interface Client {
  label: string;
  /** The client's own addresses: a pod's IPs, a node's InternalIPs. */
  addresses: string[];
  run: (argv: string[]) => Promise<ExecResult>;
}

const EXEC_TIMEOUT_MS = 15_000;
/** curl's exit codes for "the server could not be reached": resolve, connect, timeout, empty reply. */
const UNREACHABLE = new Set([6, 7, 28, 52, 56]);

export function podClient(handle: EnvironmentHandle, pod: ProbePod): Client {
  return {
    label: key(pod),
    addresses: pod.ips,
    run: (argv) => execInProbe(handle, pod, argv, EXEC_TIMEOUT_MS),
  };
}

export function nodeClient(handle: EnvironmentHandle, node: string, addresses: string[]): Client {
  return { label: node, addresses, run: (argv) => execOnNode(handle, node, argv, EXEC_TIMEOUT_MS) };
}

/** The address the server saw, or curl's reason why it was not reached. */
export async function askClientIp(
  client: Client,
  host: string,
  port: number,
): Promise<{ address?: string; error?: string }> {
  const url = `http://${joinHostPort(host, port)}/clientip`;
  const result = await client.run(['curl', '-sS', '--max-time', '5', url]);
  if (result.exitCode === 0) {
    const address = parseClientIp(result.stdout);
    if (address && net.isIP(address)) return { address };
    throw new CannotCheckError(
      'Der Server antwortet nicht wie agnhost netexec auf /clientip. Bitte gib der Kursleitung Bescheid.',
      result.stdout.slice(0, 200),
    );
  }
  if (UNREACHABLE.has(result.exitCode)) {
    return { error: result.stderr.trim().split('\n').at(-1) ?? `curl ${result.exitCode}` };
  }
  throw new CannotCheckError(
    `curl ist bei ${client.label} gescheitert. Bitte gib der Kursleitung Bescheid.`,
    `exit ${result.exitCode}: ${result.stderr.trim()}`,
  );
}

/** The address from netexec's `/clientip` answer `ip:port` (`[v6]:port` for IPv6). */
export function parseClientIp(body: string): string | undefined {
  const text = body.trim();
  const v6 = /^\[([^\]]+)\]:\d+$/.exec(text);
  if (v6) return v6[1];
  const v4 = /^([^:\s]+):\d+$/.exec(text);
  return v4?.[1];
}

/**
 * The first address of an IPv4 pod CIDR. kindnet's CNI (ptp) gives the host side of every pod's
 * veth this address, so a node that masquerades towards a local pod shows up with it.
 */
export function gatewayOf(cidr: string): string[] {
  const [ip, bits] = cidr.split('/');
  const parts = (ip ?? '').split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p)) || Number(bits) > 30) return [];
  const value = parts.reduce((n, p) => n * 256 + p, 0) + 1;
  return [[24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.')];
}
