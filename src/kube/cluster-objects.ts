import type { KubeObject, KubeReader } from './kube-reader.js';

/**
 * Typed views of the few API fields the checks read, taken from plain API JSON. Anything absent
 * reads as empty, so a half-created object (a pod without IP yet) is data, not a crash.
 */
export interface PodView {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  phase: string;
  ready: boolean;
  ips: string[];
  nodeName?: string;
}

export interface ServicePortView {
  name?: string;
  port: number;
  protocol: string;
  nodePort?: number;
}

export interface ServiceView {
  namespace: string;
  name: string;
  type: string;
  /** Empty for a headless service (`clusterIP: None`). */
  clusterIPs: string[];
  ports: ServicePortView[];
  publishNotReadyAddresses: boolean;
}

export interface EndpointView {
  ip: string;
  ready: boolean;
  hostname?: string;
  nodeName?: string;
  /** The EndpointSlice's ports: name → target port number. */
  ports: { name: string; port: number; protocol: string }[];
}

export interface NodeView {
  name: string;
  /** Labelled `node-role.kubernetes.io/control-plane`, as kubeadm (and so kind) labels it. */
  controlPlane: boolean;
  internalIPs: string[];
  podCIDRs: string[];
}

export const key = (o: { namespace: string; name: string }) => `${o.namespace}/${o.name}`;

export function podView(object: KubeObject): PodView {
  const meta = metadata(object);
  const status = record(object.status);
  const spec = record(object.spec);
  const conditions = array(status.conditions).map(record);
  const ips = array(status.podIPs)
    .map((p) => record(p).ip)
    .filter(isString);
  const podIP = status.podIP;
  return {
    namespace: meta.namespace ?? 'default',
    name: meta.name,
    labels: meta.labels,
    phase: typeof status.phase === 'string' ? status.phase : 'Unknown',
    ready: conditions.some((c) => c.type === 'Ready' && c.status === 'True'),
    ips: ips.length > 0 ? ips : isString(podIP) && podIP ? [podIP] : [],
    ...(isString(spec.nodeName) ? { nodeName: spec.nodeName } : {}),
  };
}

export function serviceView(object: KubeObject): ServiceView {
  const meta = metadata(object);
  const spec = record(object.spec);
  const ips = array(spec.clusterIPs).filter(isString);
  const clusterIPs = (ips.length > 0 ? ips : [spec.clusterIP].filter(isString)).filter(
    (ip) => ip !== 'None' && ip !== '',
  );
  return {
    namespace: meta.namespace ?? 'default',
    name: meta.name,
    type: isString(spec.type) ? spec.type : 'ClusterIP',
    clusterIPs,
    ports: array(spec.ports).map((p) => {
      const port = record(p);
      return {
        ...(isString(port.name) && port.name ? { name: port.name } : {}),
        port: Number(port.port),
        protocol: isString(port.protocol) ? port.protocol : 'TCP',
        ...(typeof port.nodePort === 'number' ? { nodePort: port.nodePort } : {}),
      };
    }),
    publishNotReadyAddresses: spec.publishNotReadyAddresses === true,
  };
}

export function nodeView(object: KubeObject): NodeView {
  const spec = record(object.spec);
  const addresses = array(record(object.status).addresses).map(record);
  const cidrs = array(spec.podCIDRs).filter(isString);
  const meta = metadata(object);
  return {
    name: meta.name,
    controlPlane: 'node-role.kubernetes.io/control-plane' in meta.labels,
    internalIPs: addresses
      .filter((a) => a.type === 'InternalIP')
      .map((a) => a.address)
      .filter(isString),
    podCIDRs: cidrs.length > 0 ? cidrs : [spec.podCIDR].filter(isString),
  };
}

/** Every endpoint of a service from its EndpointSlices; `ready` absent means ready (API docs). */
export async function endpointsOf(
  kube: KubeReader,
  namespace: string,
  service: string,
): Promise<EndpointView[]> {
  const slices = await kube.list({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    namespace,
    labelSelector: `kubernetes.io/service-name=${service}`,
  });
  return slices.flatMap((slice) => {
    const ports = array(slice.ports).map((p) => {
      const port = record(p);
      return {
        name: isString(port.name) ? port.name : '',
        port: Number(port.port),
        protocol: isString(port.protocol) ? port.protocol : 'TCP',
      };
    });
    return array(slice.endpoints).flatMap((e) => {
      const endpoint = record(e);
      const ready = record(endpoint.conditions).ready !== false;
      return array(endpoint.addresses)
        .filter(isString)
        .map((ip) => ({
          ip,
          ready,
          ...(isString(endpoint.hostname) ? { hostname: endpoint.hostname } : {}),
          ...(isString(endpoint.nodeName) ? { nodeName: endpoint.nodeName } : {}),
          ports,
        }));
    });
  });
}

export async function getService(
  kube: KubeReader,
  namespace: string,
  name: string,
): Promise<ServiceView | undefined> {
  const object = await kube.get({ apiVersion: 'v1', kind: 'Service', namespace, name });
  return object && serviceView(object);
}

export async function listNodes(kube: KubeReader): Promise<NodeView[]> {
  return (await kube.list({ apiVersion: 'v1', kind: 'Node' })).map(nodeView);
}

function metadata(object: KubeObject): {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
} {
  const meta = record(object.metadata);
  return {
    name: isString(meta.name) ? meta.name : '',
    ...(isString(meta.namespace) ? { namespace: meta.namespace } : {}),
    labels: record(meta.labels) as Record<string, string>,
  };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}
