import net from 'node:net';
import type { ExecResult } from '../environment-handle.js';
import type { Protocol } from '../../kube/protocol.js';

/**
 * Probes use Kubernetes' own e2e image agnhost (`registry.k8s.io/e2e-test-images/agnhost`):
 * `/agnhost connect host:port --timeout=3s --protocol=tcp|udp|sctp` exits 0 when a connection
 * (for UDP: an answer) came about, else 1 with one stderr line starting with a fixed word
 * (kubernetes/kubernetes test/images/agnhost/connect/connect.go):
 * TIMEOUT, REFUSED, DNS (name did not resolve), OTHER (e.g. no route to host), UNKNOWN (bad
 * arguments; for UDP also unexpected socket errors, such as EPERM from a local netfilter drop).
 */
export type ConnectResult = 'connected' | 'TIMEOUT' | 'REFUSED' | 'DNS' | 'OTHER';

export const CONNECT_TIMEOUT_SECONDS = 3;

export function connectArgv(host: string, port: number, protocol: Protocol): string[] {
  return [
    '/agnhost',
    'connect',
    joinHostPort(host, port),
    `--timeout=${CONNECT_TIMEOUT_SECONDS}s`,
    `--protocol=${protocol.toLowerCase()}`,
  ];
}

/** The measured result, or undefined when the output is not a measurement (tool misused). */
export function readConnectResult(
  result: ExecResult,
  protocol: Protocol,
): ConnectResult | undefined {
  if (result.exitCode === 0) return 'connected';
  if (result.exitCode !== 1) return undefined;
  const lines = `${result.stderr}\n${result.stdout}`.split('\n').map((l) => l.trim());
  for (const line of lines) {
    const word = /^(TIMEOUT|REFUSED|DNS|OTHER|UNKNOWN)\b/.exec(line)?.[1];
    if (word === 'UNKNOWN') return protocol === 'UDP' ? 'OTHER' : undefined;
    if (word) return word as ConnectResult;
  }
  return undefined;
}

export function joinHostPort(host: string, port: number): string {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

/** German, for messages: why a connection did not come about. */
export const CONNECT_FAILURE_TEXT: Record<Exclude<ConnectResult, 'connected'>, string> = {
  TIMEOUT: 'keine Antwort (Zeitüberschreitung) – oft verwirft eine NetworkPolicy die Pakete',
  REFUSED: 'die Verbindung wurde abgelehnt – auf dem Port lauscht nichts',
  DNS: 'der Name ließ sich nicht auflösen',
  OTHER: 'ein Netzwerkfehler (zum Beispiel keine Route zum Ziel)',
};
