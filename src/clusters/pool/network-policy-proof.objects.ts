import type { KubeObject, ObjectRef } from '../../kube/kube-reader.js';

/** A namespace of its own, so the proof never touches what a lab sets up; removed afterwards. */
export const PROOF_NAMESPACE = 'kubelab-netpol-proof';
export const PROOF_PORT = 8080;
const AGNHOST = 'registry.k8s.io/e2e-test-images/agnhost:2.53';

export const NAMESPACE_REF: ObjectRef = {
  apiVersion: 'v1',
  kind: 'Namespace',
  name: PROOF_NAMESPACE,
};

const pod = (name: string, args: string[], extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: PROOF_NAMESPACE, labels: { app: name } },
  spec: {
    terminationGracePeriodSeconds: 0,
    containers: [{ name: 'agnhost', image: AGNHOST, args, ...extra }],
  },
});

/** `server` listens on 8080 (Ready once it answers), `client` only waits to be exec'd into. */
export const SERVER = pod('server', ['netexec', `--http-port=${PROOF_PORT}`, '--udp-port=-1'], {
  ports: [{ containerPort: PROOF_PORT }],
  readinessProbe: { httpGet: { path: '/hostname', port: PROOF_PORT }, periodSeconds: 1 },
});
export const CLIENT = pod('client', ['pause']);

export const SCRATCH_OBJECTS: KubeObject[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: PROOF_NAMESPACE } },
  SERVER,
  CLIENT,
];

/** Selects every pod of the namespace and allows no ingress at all. */
export const DEFAULT_DENY_INGRESS: KubeObject = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'default-deny-ingress', namespace: PROOF_NAMESPACE },
  spec: { podSelector: {}, policyTypes: ['Ingress'] },
};
