import type { Protocol } from '../../kube/protocol.js';

/**
 * The evaluator's view of a cluster: only what `networking.k8s.io/v1` NetworkPolicy semantics need,
 * normalised from API objects by `parseClusterState` (see cluster-state.ts).
 */
export { PROTOCOLS, type Protocol } from '../../kube/protocol.js';

export type Labels = Readonly<Record<string, string>>;

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

/** `{}` (no labels, no expressions) selects everything. */
export interface LabelSelector {
  matchLabels: Labels;
  matchExpressions: LabelSelectorRequirement[];
}

export interface NamespaceInfo {
  name: string;
  labels: Labels;
}

export interface ContainerPort {
  name?: string;
  port: number;
  protocol: Protocol;
}

export interface PodInfo {
  namespace: string;
  name: string;
  labels: Labels;
  /** Absent while the pod has no IP yet; such a pod never matches an ipBlock. */
  ip?: string;
  ports: ContainerPort[];
}

export interface IpBlock {
  cidr: string;
  except: string[];
}

/** A selector that is absent (undefined) places no constraint; `{}` matches all. */
export type PolicyPeer =
  | { kind: 'selector'; podSelector?: LabelSelector; namespaceSelector?: LabelSelector }
  | { kind: 'ipBlock'; ipBlock: IpBlock };

export interface PolicyPort {
  protocol: Protocol;
  /** Absent: every port of the protocol. A string is a named container port. */
  port?: number | string;
  endPort?: number;
}

/** An empty `peers` list means all peers, an empty `ports` list all ports (absent = empty). */
export interface PolicyRule {
  peers: PolicyPeer[];
  ports: PolicyPort[];
}

export interface PolicyInfo {
  namespace: string;
  name: string;
  podSelector: LabelSelector;
  /** From `policyTypes`, or its default: Ingress always, Egress iff the spec has `egress`. */
  affectsIngress: boolean;
  affectsEgress: boolean;
  ingress: PolicyRule[];
  egress: PolicyRule[];
}

export interface ClusterState {
  namespaces: NamespaceInfo[];
  pods: PodInfo[];
  policies: PolicyInfo[];
}

export type Direction = 'ingress' | 'egress';

export function podKey(pod: { namespace: string; name: string }): string {
  return `${pod.namespace}/${pod.name}`;
}
