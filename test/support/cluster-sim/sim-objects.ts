import type { KubeObject } from '../../../src/kube/kube-reader.js';

/**
 * The objects a fresh kind v0.29 cluster (Kubernetes v1.33, 1 control plane + 2 workers, kind's
 * default subnets) has before any lab setup, shaped as `kubectl get -o json` prints them.
 */
export const SIM_CLUSTER = 'kl-sim';
export const SIM_NODES = [
  {
    role: 'control-plane',
    name: `${SIM_CLUSTER}-control-plane`,
    ip: '172.18.0.2',
    cidr: '10.244.0.0/24',
  },
  { role: 'worker', name: `${SIM_CLUSTER}-worker`, ip: '172.18.0.3', cidr: '10.244.1.0/24' },
  { role: 'worker', name: `${SIM_CLUSTER}-worker2`, ip: '172.18.0.4', cidr: '10.244.2.0/24' },
] as const;

export function nodeObject(node: (typeof SIM_NODES)[number]): KubeObject {
  const controlPlane = node.role === 'control-plane';
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/os': 'linux',
        'kubernetes.io/hostname': node.name,
        ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
      },
    },
    spec: {
      podCIDR: node.cidr,
      podCIDRs: [node.cidr],
      providerID: `kind://docker/${SIM_CLUSTER}/${node.name}`,
      ...(controlPlane
        ? { taints: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }] }
        : {}),
    },
    status: {
      addresses: [
        { type: 'InternalIP', address: node.ip },
        { type: 'Hostname', address: node.name },
      ],
      conditions: [{ type: 'Ready', status: 'True' }],
      nodeInfo: { kubeletVersion: 'v1.33.1', kubeProxyVersion: 'v1.33.1' },
    },
  };
}

export const BASE_NAMESPACES = [
  'default',
  'kube-node-lease',
  'kube-public',
  'kube-system',
  'local-path-storage',
];

/** The Corefile kubeadm writes (truth: dns/kubeadm-coredns-manifests.yaml). */
export const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`;
