import { matchesSelector } from './label-selector.js';
import type {
  ClusterState,
  Direction,
  PodInfo,
  PolicyInfo,
  PolicyRule,
  Protocol,
} from './policy-model.js';
import { podKey } from './policy-model.js';
import { compilePeer, portsMatch } from './rule-match.js';

/** One rule of one policy, with the pods its peers name resolved once for all connections. */
export interface CompiledRule {
  policy: PolicyInfo;
  direction: Direction;
  index: number;
  rule: PolicyRule;
  /** `peerPods[i] === 1` when pod i is a peer of the rule; undefined when all peers are. */
  peerPods: Uint8Array | undefined;
}

/** Per pod and direction: the policies that isolate it and all rules of those policies. */
export interface PodPolicies {
  isolatedBy: PolicyInfo[];
  rules: CompiledRule[];
}

/**
 * The cluster with every selector evaluated once, so that a connection check only walks the
 * rules of the policies selecting the two pods (200 pods × 50 policies: 40,000 pairs in a few ms).
 */
export interface CompiledCluster {
  state: ClusterState;
  pods: PodInfo[];
  podIndex: ReadonlyMap<string, number>;
  ingress: PodPolicies[];
  egress: PodPolicies[];
}

export function compileCluster(state: ClusterState): CompiledCluster {
  const { pods } = state;
  const namespaceLabels = new Map(state.namespaces.map((n) => [n.name, n.labels]));
  const ingress = pods.map((): PodPolicies => ({ isolatedBy: [], rules: [] }));
  const egress = pods.map((): PodPolicies => ({ isolatedBy: [], rules: [] }));

  for (const policy of state.policies) {
    const compileRules = (direction: Direction, rules: PolicyRule[]): CompiledRule[] =>
      rules.map((rule, index) => {
        if (rule.peers.length === 0) {
          return { policy, direction, index, rule, peerPods: undefined };
        }
        const matchers = rule.peers.map((p) => compilePeer(p, policy.namespace, namespaceLabels));
        const peerPods = Uint8Array.from(pods, (pod) => (matchers.some((m) => m(pod)) ? 1 : 0));
        return { policy, direction, index, rule, peerPods };
      });
    const ingressRules = policy.affectsIngress ? compileRules('ingress', policy.ingress) : [];
    const egressRules = policy.affectsEgress ? compileRules('egress', policy.egress) : [];

    pods.forEach((pod, i) => {
      if (pod.namespace !== policy.namespace || !matchesSelector(policy.podSelector, pod.labels)) {
        return;
      }
      if (policy.affectsIngress) {
        ingress[i]?.isolatedBy.push(policy);
        ingress[i]?.rules.push(...ingressRules);
      }
      if (policy.affectsEgress) {
        egress[i]?.isolatedBy.push(policy);
        egress[i]?.rules.push(...egressRules);
      }
    });
  }
  return { state, pods, podIndex: new Map(pods.map((p, i) => [podKey(p), i])), ingress, egress };
}

/**
 * Whether `rule` lets `peer` (the other end: the destination for egress, the source for ingress)
 * through on `port`/`protocol`; ports always resolve against `destination`.
 */
export function ruleAllows(
  rule: CompiledRule,
  peer: number,
  destination: PodInfo,
  port: number,
  protocol: Protocol,
): boolean {
  return (
    (rule.peerPods === undefined || rule.peerPods[peer] === 1) &&
    portsMatch(rule.rule.ports, destination, port, protocol)
  );
}
