import type { KubeObject, KubeReader } from './kube-reader.js';

/**
 * What of these applied objects (a lab's setup, the pool's proof pods) is not ready yet, in
 * German ("Pod lab/web", "Service lab/web ohne Endpunkte"); empty when everything is. Pods must
 * be Ready, Deployments have all replicas ready, DaemonSets all scheduled pods ready, Services
 * with a selector at least one ready endpoint in their EndpointSlices.
 */
export async function notReady(objects: KubeObject[], reader: KubeReader): Promise<string[]> {
  const waiting: string[] = [];
  for (const object of objects) {
    const meta = (object.metadata ?? {}) as { name?: string; namespace?: string };
    const ref = {
      apiVersion: String(object.apiVersion),
      kind: String(object.kind),
      namespace: meta.namespace ?? 'default',
      name: meta.name ?? '',
    };
    const label = `${ref.kind} ${ref.namespace}/${ref.name}`;
    switch (ref.kind) {
      case 'Pod': {
        const live = await reader.get(ref);
        if (!live || !podReady(live)) waiting.push(label);
        break;
      }
      case 'Deployment':
      case 'StatefulSet': {
        const live = await reader.get(ref);
        const spec = (live?.spec ?? {}) as { replicas?: number };
        const status = (live?.status ?? {}) as { readyReplicas?: number };
        if (!live || (status.readyReplicas ?? 0) < (spec.replicas ?? 1)) waiting.push(label);
        break;
      }
      case 'DaemonSet': {
        const status = ((await reader.get(ref))?.status ?? {}) as {
          numberReady?: number;
          desiredNumberScheduled?: number;
        };
        if (
          (status.desiredNumberScheduled ?? 1) === 0 ||
          (status.numberReady ?? 0) < (status.desiredNumberScheduled ?? 1)
        ) {
          waiting.push(label);
        }
        break;
      }
      case 'Service': {
        const spec = (object.spec ?? {}) as { selector?: Record<string, string>; type?: string };
        if (!spec.selector || spec.type === 'ExternalName') break;
        const slices = await reader.list({
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          namespace: ref.namespace,
          labelSelector: `kubernetes.io/service-name=${ref.name}`,
        });
        if (!slices.some(hasReadyEndpoint)) waiting.push(`${label} (ohne bereite Endpunkte)`);
        break;
      }
    }
  }
  return waiting;
}

function podReady(pod: KubeObject): boolean {
  const conditions =
    ((pod.status ?? {}) as { conditions?: { type: string; status: string }[] }).conditions ?? [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

function hasReadyEndpoint(slice: KubeObject): boolean {
  const endpoints = (slice.endpoints ?? []) as { conditions?: { ready?: boolean } }[];
  return endpoints.some((e) => e.conditions?.ready !== false);
}

/**
 * Nodes the controller manager has not given their pod network (`spec.podCIDR`) yet, as
 * „Knoten <name> (noch ohne Pod-Netz)“. kind returns once the control plane is Ready; on a busy
 * host a worker can still be waiting for its /24, and a lab reading the nodes' pod networks would
 * see it missing. Readiness is not required: a cluster without a CNI keeps its nodes NotReady.
 */
export async function nodesWithoutPodNetwork(reader: KubeReader): Promise<string[]> {
  const nodes = await reader.list({ apiVersion: 'v1', kind: 'Node' });
  return nodes
    .filter((node) => !(node.spec as { podCIDR?: string } | undefined)?.podCIDR)
    .map(
      (node) =>
        `Knoten ${String((node.metadata as { name?: string } | undefined)?.name)} (noch ohne Pod-Netz)`,
    );
}
