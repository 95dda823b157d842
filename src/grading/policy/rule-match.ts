import { compileIpBlock } from './ip-block.js';
import { describeSelector, matchesSelector } from './label-selector.js';
import type { Labels, PodInfo, PolicyPeer, PolicyPort, Protocol } from './policy-model.js';

/**
 * A predicate telling whether `pod` is one of the peers a rule of a policy in `policyNamespace`
 * names. podSelector alone: pods of the policy's namespace; namespaceSelector alone: all pods of
 * the matching namespaces; both in one peer: both must hold. ipBlock is applied to the pod IP.
 */
export function compilePeer(
  peer: PolicyPeer,
  policyNamespace: string,
  namespaceLabels: ReadonlyMap<string, Labels>,
): (pod: PodInfo) => boolean {
  if (peer.kind === 'ipBlock') {
    const contains = compileIpBlock(peer.ipBlock);
    return (pod) => contains(pod.ip);
  }
  const { podSelector, namespaceSelector } = peer;
  return (pod) => {
    const namespaceOk = namespaceSelector
      ? matchesSelector(namespaceSelector, namespaceLabels.get(pod.namespace) ?? {})
      : pod.namespace === policyNamespace;
    return namespaceOk && (!podSelector || matchesSelector(podSelector, pod.labels));
  };
}

/**
 * Whether a rule's `ports` admit a connection to `destination` on `port`/`protocol`. An empty
 * list admits every port. A named port is looked up among the destination pod's container ports
 * (for ingress and egress rules alike) and must have the same protocol there.
 */
export function portsMatch(
  ports: readonly PolicyPort[],
  destination: PodInfo,
  port: number,
  protocol: Protocol,
): boolean {
  return ports.length === 0 || ports.some((p) => portMatches(p, destination, port, protocol));
}

export function portMatches(
  rulePort: PolicyPort,
  destination: PodInfo,
  port: number,
  protocol: Protocol,
): boolean {
  if (rulePort.protocol !== protocol) return false;
  if (rulePort.port === undefined) return true;
  if (typeof rulePort.port === 'string') {
    return destination.ports.some(
      (c) => c.name === rulePort.port && c.protocol === protocol && c.port === port,
    );
  }
  if (rulePort.endPort !== undefined) return port >= rulePort.port && port <= rulePort.endPort;
  return port === rulePort.port;
}

/** `80/TCP`, `8000-8080/TCP`, `http/TCP` or `alle Ports/UDP` for messages. */
export function describePolicyPort(rulePort: PolicyPort): string {
  const port =
    rulePort.port === undefined
      ? 'alle Ports'
      : `${rulePort.port}${rulePort.endPort !== undefined ? `-${rulePort.endPort}` : ''}`;
  return `${port}/${rulePort.protocol}`;
}

/** A peer as learners write it: `namespaceSelector team=a + podSelector app=b`, `ipBlock …`. */
export function describePeer(peer: PolicyPeer, policyNamespace: string): string {
  if (peer.kind === 'ipBlock') {
    const { cidr, except } = peer.ipBlock;
    return `ipBlock ${cidr}${except.length > 0 ? ` außer ${except.join(', ')}` : ''}`;
  }
  const parts = [];
  if (peer.namespaceSelector)
    parts.push(`namespaceSelector ${describeSelector(peer.namespaceSelector)}`);
  if (peer.podSelector) {
    const where = peer.namespaceSelector ? '' : ` im Namespace ${policyNamespace}`;
    parts.push(`podSelector ${describeSelector(peer.podSelector)}${where}`);
  }
  return parts.join(' + ');
}
