import type { KubeObject } from '../../kube/kube-reader.js';
import type { AccessRead, AccessSpec } from '../../labs/schema/access.schema.js';

export const LEARNER_NAMESPACE = 'kubelab-learner';
export const LEARNER_SERVICE_ACCOUNT = 'lernender';
/** The ServiceAccount's token: kubelab reads it to build the learner's kubeconfig, the learner never. */
export const LEARNER_TOKEN_SECRET = 'lernender-token';
const ROLE = 'kubelab-lernender';

/** Pod Security for a work namespace: no hostNetwork, hostPath or privileged pods, for anyone. */
export const WORK_NAMESPACE_LABELS: Record<string, string> = {
  'pod-security.kubernetes.io/enforce': 'baseline',
  'pod-security.kubernetes.io/warn': 'baseline',
  'pod-security.kubernetes.io/audit': 'baseline',
};

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

const READ = ['get', 'list', 'watch'];
const WRITE = [...READ, 'create', 'update', 'patch', 'delete'];
const SCALE = ['get', 'update', 'patch'];
/** kubectl exec opens the stream with a POST (SPDY) or a GET (WebSocket); both need both. */
const STREAM = ['create', 'get'];

/**
 * What the learner does in a work namespace: the workload and network objects labs 01–05 use.
 * Never secrets, serviceaccounts (or their tokens), roles or bindings, and no port-forward.
 */
export const WORK_RULES: PolicyRule[] = [
  { apiGroups: [''], resources: ['pods', 'services', 'configmaps'], verbs: WRITE },
  { apiGroups: [''], resources: ['endpoints', 'events'], verbs: READ },
  { apiGroups: [''], resources: ['pods/log'], verbs: READ },
  { apiGroups: [''], resources: ['pods/exec', 'pods/attach'], verbs: STREAM },
  {
    apiGroups: ['apps'],
    resources: ['deployments', 'replicasets', 'statefulsets'],
    verbs: WRITE,
  },
  { apiGroups: ['apps'], resources: ['daemonsets'], verbs: READ },
  {
    apiGroups: ['apps'],
    resources: ['deployments/scale', 'replicasets/scale', 'statefulsets/scale'],
    verbs: SCALE,
  },
  { apiGroups: ['batch'], resources: ['jobs'], verbs: WRITE },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ },
  { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: WRITE },
  { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: READ },
];

const subject = {
  kind: 'ServiceAccount',
  name: LEARNER_SERVICE_ACCOUNT,
  namespace: LEARNER_NAMESPACE,
};

/**
 * The Kubernetes objects that give a lab's learner exactly the rights of its `access`, in apply
 * order: the learner's namespace, ServiceAccount and token Secret; per work namespace its Pod
 * Security labels, a Role and a RoleBinding; per read entry a (Cluster)Role and its binding.
 */
export function learnerAccessObjects(access: AccessSpec): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: LEARNER_NAMESPACE } },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: LEARNER_SERVICE_ACCOUNT, namespace: LEARNER_NAMESPACE },
      automountServiceAccountToken: false,
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/service-account-token',
      metadata: {
        name: LEARNER_TOKEN_SECRET,
        namespace: LEARNER_NAMESPACE,
        annotations: { 'kubernetes.io/service-account.name': LEARNER_SERVICE_ACCOUNT },
      },
    },
    ...access.namespaces.flatMap((namespace) => [
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: namespace, labels: WORK_NAMESPACE_LABELS },
      },
      ...roleAndBinding(ROLE, namespace, WORK_RULES),
    ]),
    ...readNamespaces(access).map((name) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    })),
    ...access.read.flatMap((entry, index) =>
      roleAndBinding(`${ROLE}-lesen-${index + 1}`, entry.namespace, readRules(entry)),
    ),
  ];
}

/**
 * The namespaces of read entries, so their Roles have a home before a later step's setup makes
 * the namespace (02's lab-host); applying an existing one changes nothing, its labels included.
 */
function readNamespaces(access: AccessSpec): string[] {
  const names = access.read.flatMap((entry) => (entry.namespace ? [entry.namespace] : []));
  return [...new Set(names)].filter((name) => !access.namespaces.includes(name));
}

/** get/list/watch on the entry's resources, grouped by API group; pods/exec when `exec`. */
export function readRules(entry: AccessRead): PolicyRule[] {
  const byGroup = new Map<string, string[]>();
  for (const resource of entry.resources) {
    const [plural = resource, ...group] = resource.split('.');
    const key = group.join('.');
    byGroup.set(key, [...(byGroup.get(key) ?? []), plural]);
  }
  const rules = [...byGroup].map(([group, resources]) => ({
    apiGroups: [group],
    resources,
    verbs: READ,
  }));
  return entry.exec
    ? [...rules, { apiGroups: [''], resources: ['pods/exec'], verbs: STREAM }]
    : rules;
}

/** A Role and RoleBinding in `namespace`, or a ClusterRole and ClusterRoleBinding without one. */
function roleAndBinding(
  name: string,
  namespace: string | undefined,
  rules: PolicyRule[],
): KubeObject[] {
  const scope = namespace ? '' : 'Cluster';
  const metadata = namespace ? { name, namespace } : { name };
  return [
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: `${scope}Role`, metadata, rules },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: `${scope}RoleBinding`,
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: `${scope}Role`, name },
      subjects: [subject],
    },
  ];
}
