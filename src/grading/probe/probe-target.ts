import type { z } from 'zod';
import type { checkSchema } from '../../labs/schema/check.schema.js';
import {
  getService,
  key,
  listNodes,
  podView,
  type NodeView,
  type ServiceView,
} from '../../kube/cluster-objects.js';
import type { KubeReader } from '../../kube/kube-reader.js';
import { findPods } from '../refs/pod-refs.js';

export type TargetSpec = Extract<z.infer<typeof checkSchema>, { kind: 'connectivity' }>['to'];

export interface ResolvedTarget {
  /** German-friendly name: `Pod lab/web`, `Service lab/web`, `10.0.0.1`. */
  label: string;
  host: string;
  /** Set when the target's port is not the spec's: a NodePort. */
  port?: number;
  /** `namespace/name` when the target is a pod, so a pod never probes itself. */
  podKey?: string;
}

/** Either the addresses to probe, or why there is nothing to probe (a German sentence). */
export type TargetResolution = { targets: ResolvedTarget[] } | { missing: string };

/** Resolves a probe target to addresses from the live objects (never from hard-coded IPs). */
export async function resolveTarget(
  kube: KubeReader,
  to: TargetSpec,
  defaultNamespace: string,
): Promise<TargetResolution> {
  const namespace = to.namespace ?? defaultNamespace;
  if (to.ip) return { targets: [{ label: to.ip, host: to.ip }] };
  if (to.host) return { targets: [{ label: to.host, host: to.host }] };
  if (to.node) return nodeTarget(kube, to.node);
  if (to.service) {
    const service = await getService(kube, namespace, to.service);
    if (!service) {
      return { missing: `Den Service „${to.service}“ im Namespace „${namespace}“ gibt es nicht.` };
    }
    if (to.nodePort) return nodePortTarget(kube, service, to);
    const label = `Service ${key(service)}`;
    // A headless service has no ClusterIP: clients reach it through its DNS name.
    const host = service.clusterIPs[0] ?? `${service.name}.${namespace}.svc.cluster.local`;
    return { targets: [{ label, host }] };
  }
  if (to.pod) {
    const object = await kube.get({ apiVersion: 'v1', kind: 'Pod', namespace, name: to.pod });
    if (!object)
      return { missing: `Den Pod „${to.pod}“ im Namespace „${namespace}“ gibt es nicht.` };
    return podTargets([podView(object)]);
  }
  const pods = await findPods(kube, { namespace, selector: to.selector ?? '' });
  if (pods.length === 0) {
    return {
      missing: `Im Namespace „${namespace}“ gibt es keinen Pod mit „${to.selector ?? ''}“.`,
    };
  }
  return podTargets(pods);
}

function podTargets(pods: ReturnType<typeof podView>[]): TargetResolution {
  const withoutIp = pods.find((p) => p.ips.length === 0);
  if (withoutIp) {
    return {
      missing: `Der Pod „${withoutIp.name}“ im Namespace „${withoutIp.namespace}“ hat noch keine IP-Adresse (Phase ${withoutIp.phase}).`,
    };
  }
  return {
    targets: pods.map((p) => ({ label: key(p), host: p.ips[0] ?? '', podKey: key(p) })),
  };
}

/** The node's InternalIP and the NodePort that belongs to the service port `to.port`. */
async function nodePortTarget(
  kube: KubeReader,
  service: ServiceView,
  to: TargetSpec,
): Promise<TargetResolution> {
  const servicePort = service.ports.find(
    (p) => p.port === to.port && p.protocol === (to.protocol ?? 'TCP'),
  );
  if (!servicePort?.nodePort) {
    return {
      missing: `Der Service „${service.name}“ im Namespace „${service.namespace}“ hat für Port ${to.port} keinen NodePort (Typ ${service.type}).`,
    };
  }
  const nodes = await listNodes(kube);
  const node = pickNode(nodes, to.nodePort ?? '');
  const address = node?.internalIPs[0];
  if (!node || !address) {
    return {
      missing: `Die Übung nennt den Knoten „${to.nodePort ?? ''}“, den dein Cluster nicht hat. Bitte gib der Kursleitung Bescheid.`,
    };
  }
  return {
    targets: [
      {
        label: `NodePort ${servicePort.nodePort} von Service ${key(service)} auf ${node.name}`,
        host: address,
        port: servicePort.nodePort,
      },
    ],
  };
}

/** The InternalIP of the node the lab names: a hostPort or a hostNetwork pod answers there. */
async function nodeTarget(kube: KubeReader, name: string): Promise<TargetResolution> {
  const node = pickNode(await listNodes(kube), name);
  const address = node?.internalIPs[0];
  if (!node || !address) {
    return {
      missing: `Die Übung nennt den Knoten „${name}“, den dein Cluster nicht hat. Bitte gib der Kursleitung Bescheid.`,
    };
  }
  return { targets: [{ label: `Knoten ${node.name} (${address})`, host: address }] };
}

/** A node as labs name it: a role, a name suffix (`worker2`) or the full name. */
export function pickNode(nodes: NodeView[], name: string): NodeView | undefined {
  const sorted = [...nodes].sort((a, b) => a.name.localeCompare(b.name));
  if (name === 'control-plane') return sorted.find((n) => n.controlPlane);
  if (name === 'worker') return sorted.find((n) => !n.controlPlane);
  return sorted.find((n) => n.name === name) ?? sorted.find((n) => n.name.endsWith(`-${name}`));
}
