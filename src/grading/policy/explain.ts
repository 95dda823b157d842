import { ClusterStateError, parseClusterState } from './cluster-state.js';
import { renderExplanation } from './explain-text.js';
import { type CompiledCluster, compileCluster, ruleAllows } from './policy-index.js';
import { type Direction, type Protocol, podKey } from './policy-model.js';
import type { Probe } from './reachability.js';
import type { ConnectionExplanation, DirectionExplanation, RuleVerdict } from './explanation.js';
import { describePeer, describePolicyPort, portsMatch } from './rule-match.js';

/** Why a connection is allowed or denied, per direction, with the policies and rules involved. */
export function explainConnection(
  objects: unknown,
  from: string,
  to: string,
  port: number,
  protocol: Protocol = 'TCP',
): ConnectionExplanation {
  return explainCompiled(compileCluster(parseClusterState(objects)), from, to, { port, protocol });
}

export function explainCompiled(
  cluster: CompiledCluster,
  from: string,
  to: string,
  probe: Probe,
): ConnectionExplanation {
  const source = indexOf(cluster, from);
  const destination = indexOf(cluster, to);
  const egress = explainDirection(cluster, 'egress', source, destination, probe);
  const ingress = explainDirection(cluster, 'ingress', source, destination, probe);
  const result = {
    from,
    to,
    ...probe,
    allowed: egress.allowed && ingress.allowed,
    egress,
    ingress,
  };
  return { ...result, text: renderExplanation(result) };
}

function explainDirection(
  cluster: CompiledCluster,
  direction: Direction,
  source: number,
  destination: number,
  { port, protocol }: Probe,
): DirectionExplanation {
  const [own, peer] = direction === 'egress' ? [source, destination] : [destination, source];
  const policies = cluster[direction][own];
  const destinationPod = cluster.pods[destination];
  const ownPod = cluster.pods[own];
  if (!policies || !destinationPod || !ownPod) throw new RangeError('unknown pod index');
  const rules = policies.rules.map((r): RuleVerdict => ({
    policy: podKey(r.policy),
    ruleIndex: r.index,
    peerMatches: r.peerPods === undefined || r.peerPods[peer] === 1,
    portMatches: portsMatch(r.rule.ports, destinationPod, port, protocol),
    peers: r.rule.peers.map((p) => describePeer(p, r.policy.namespace)),
    ports: r.rule.ports.map(describePolicyPort),
  }));
  const isolated = policies.isolatedBy.length > 0;
  return {
    direction,
    pod: podKey(ownPod),
    isolated,
    isolatingPolicies: policies.isolatedBy.map(podKey),
    rules,
    allowed:
      !isolated || policies.rules.some((r) => ruleAllows(r, peer, destinationPod, port, protocol)),
  };
}

function indexOf(cluster: CompiledCluster, key: string): number {
  const index = cluster.podIndex.get(key);
  if (index === undefined) {
    throw new ClusterStateError(`Pod ${key} nicht gefunden (erwartet: Namespace/Pod)`);
  }
  return index;
}
