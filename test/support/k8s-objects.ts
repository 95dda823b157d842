/** Small factories for API-shaped Kubernetes objects in NetworkPolicy tests. */

export function namespace(name: string, labels: Record<string, string> = {}): object {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

export interface PodOptions {
  labels?: Record<string, string>;
  ip?: string;
  ports?: { name?: string; containerPort: number; protocol?: string }[];
}

/** `ref` is `namespace/name`; the pod gets `app=<name>` unless labels are given. */
export function pod(ref: string, { labels, ip, ports = [] }: PodOptions = {}): object {
  const [ns, name] = ref.split('/') as [string, string];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace: ns, name, labels: labels ?? { app: name } },
    spec: { containers: [{ name: 'main', image: 'agnhost', ports }] },
    status: { phase: 'Running', ...(ip ? { podIP: ip } : {}) },
  };
}

/** `ref` is `namespace/name`. */
export function networkPolicy(ref: string, spec: Record<string, unknown>): object {
  const [ns, name] = ref.split('/') as [string, string];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { namespace: ns, name },
    spec: { podSelector: {}, ...spec },
  };
}

export function list(...items: object[]): object {
  return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items };
}
