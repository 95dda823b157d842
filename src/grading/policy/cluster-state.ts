import { type z } from 'zod';
import type {
  ClusterState,
  LabelSelector,
  NamespaceInfo,
  PodInfo,
  PolicyInfo,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
} from './policy-model.js';
import {
  type LabelSelectorJson,
  type NetworkPolicyJson,
  type PodJson,
  namespaceSchema,
  networkPolicySchema,
  podSchema,
} from './policy-schema.js';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Input that is not a valid Namespace, Pod or NetworkPolicy; the message is German. */
export class ClusterStateError extends Error {}

/**
 * Reads Namespaces, Pods and NetworkPolicies from API objects: single objects, arrays and `List`s
 * (nested in any combination, as `kubectl get namespaces,pods,networkpolicies -A -o json` prints
 * them). Other kinds are ignored. Namespaces only referenced by pods or policies are added with
 * the label Kubernetes sets on every namespace (`kubernetes.io/metadata.name`).
 */
export function parseClusterState(input: unknown): ClusterState {
  const namespaces = new Map<string, NamespaceInfo>();
  const pods = new Map<string, PodInfo>();
  const policies = new Map<string, PolicyInfo>();
  for (const object of collectObjects(input)) {
    const kind = (object as { kind?: unknown }).kind;
    if (kind === 'Namespace') {
      const { metadata } = parseAs(namespaceSchema, object);
      const labels = { ...metadata.labels, [NAMESPACE_NAME_LABEL]: metadata.name };
      namespaces.set(metadata.name, { name: metadata.name, labels });
    } else if (kind === 'Pod') {
      const pod = toPod(parseAs(podSchema, object));
      if (pod) pods.set(`${pod.namespace}/${pod.name}`, pod);
    } else if (kind === 'NetworkPolicy') {
      const policy = toPolicy(parseAs(networkPolicySchema, object));
      policies.set(`${policy.namespace}/${policy.name}`, policy);
    }
  }
  for (const { namespace } of [...pods.values(), ...policies.values()]) {
    if (!namespaces.has(namespace)) {
      namespaces.set(namespace, { name: namespace, labels: { [NAMESPACE_NAME_LABEL]: namespace } });
    }
  }
  const byKey = <T extends { name: string; namespace?: string }>(a: T, b: T) =>
    (a.namespace ?? '').localeCompare(b.namespace ?? '') || a.name.localeCompare(b.name);
  return {
    namespaces: [...namespaces.values()].sort(byKey),
    pods: [...pods.values()].sort(byKey),
    policies: [...policies.values()].sort(byKey),
  };
}

/** Flattens arrays and `List` objects (anything with an `items` array) into single objects. */
export function collectObjects(input: unknown): object[] {
  if (Array.isArray(input)) return input.flatMap(collectObjects);
  if (typeof input !== 'object' || input === null) return [];
  const items = (input as { items?: unknown }).items;
  return Array.isArray(items) ? items.flatMap(collectObjects) : [input];
}

function parseAs<T extends z.ZodType>(schema: T, object: object): z.infer<T> {
  const result = schema.safeParse(object);
  if (result.success) return result.data;
  const meta = (object as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } })
    .metadata;
  const name = [meta?.namespace, meta?.name].filter((p) => typeof p === 'string').join('/');
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new ClusterStateError(
    `${String((object as { kind?: unknown }).kind)} ${name || '(ohne Namen)'}: ${where}${issue?.message ?? 'ungültig'}`,
  );
}

function toPod({ metadata, spec, status }: PodJson): PodInfo | undefined {
  // Finished pods keep their object but take part in no connection.
  if (status?.phase === 'Succeeded' || status?.phase === 'Failed') return undefined;
  const ports = (spec?.containers ?? []).flatMap((c) =>
    (c.ports ?? []).map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      port: p.containerPort,
      protocol: p.protocol ?? 'TCP',
    })),
  );
  return {
    namespace: metadata.namespace ?? 'default',
    name: metadata.name,
    labels: metadata.labels ?? {},
    ...(status?.podIP ? { ip: status.podIP } : {}),
    ports,
  };
}

function toPolicy({ metadata, spec }: NetworkPolicyJson): PolicyInfo {
  // The API server's defaulting: Ingress always, Egress only with at least one egress rule.
  const types = spec.policyTypes?.length
    ? spec.policyTypes
    : ['Ingress', ...(spec.egress?.length ? ['Egress'] : [])];
  return {
    namespace: metadata.namespace ?? 'default',
    name: metadata.name,
    podSelector: toSelector(spec.podSelector ?? {}),
    affectsIngress: types.includes('Ingress'),
    affectsEgress: types.includes('Egress'),
    ingress: (spec.ingress ?? []).map((r) => toRule(r.from, r.ports)),
    egress: (spec.egress ?? []).map((r) => toRule(r.to, r.ports)),
  };
}

type PeerJson = NonNullable<NonNullable<NetworkPolicyJson['spec']['ingress']>[number]['from']>;
type PortJson = NonNullable<NonNullable<NetworkPolicyJson['spec']['ingress']>[number]['ports']>;

function toRule(
  peers: PeerJson | null | undefined,
  ports: PortJson | null | undefined,
): PolicyRule {
  return { peers: (peers ?? []).map(toPeer), ports: (ports ?? []).map(toPort) };
}

function toPeer(peer: PeerJson[number]): PolicyPeer {
  if (peer.ipBlock) {
    return {
      kind: 'ipBlock',
      ipBlock: { cidr: peer.ipBlock.cidr, except: peer.ipBlock.except ?? [] },
    };
  }
  return {
    kind: 'selector',
    ...(peer.podSelector ? { podSelector: toSelector(peer.podSelector) } : {}),
    ...(peer.namespaceSelector ? { namespaceSelector: toSelector(peer.namespaceSelector) } : {}),
  };
}

function toPort(port: PortJson[number]): PolicyPort {
  // A quoted number ("80") in a hand-written manifest still means the port number.
  const value =
    typeof port.port === 'string' && /^\d+$/.test(port.port) ? Number(port.port) : port.port;
  return {
    protocol: port.protocol ?? 'TCP',
    ...(value !== undefined && value !== null ? { port: value } : {}),
    ...(port.endPort ? { endPort: port.endPort } : {}),
  };
}

function toSelector(selector: LabelSelectorJson): LabelSelector {
  return {
    matchLabels: selector.matchLabels ?? {},
    matchExpressions: (selector.matchExpressions ?? []).map((e) => ({
      key: e.key,
      operator: e.operator,
      values: e.values ?? [],
    })),
  };
}
