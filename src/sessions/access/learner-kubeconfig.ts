import { parse, stringify } from 'yaml';
import { LEARNER_SERVICE_ACCOUNT } from './learner-rbac.js';

export interface LearnerKubeconfigInput {
  /** The admin kubeconfig (YAML): only its cluster CA is taken. */
  adminKubeconfig: string;
  /** The kind cluster; its API server is `<cluster>-control-plane:6443` on the cluster's network. */
  cluster: string;
  token: string;
  /** The context's namespace: the lab's first work namespace. */
  namespace: string;
}

interface AdminKubeconfig {
  clusters?: { cluster?: { 'certificate-authority-data'?: string } }[];
}

/**
 * The learner's kubeconfig for the toolbox: the cluster's CA, the learner ServiceAccount's token,
 * the API server by its name on the cluster's Docker network (the admin one points at the host).
 */
export function learnerKubeconfig(input: LearnerKubeconfigInput): string {
  const admin = parse(input.adminKubeconfig) as AdminKubeconfig;
  const ca = admin.clusters?.[0]?.cluster?.['certificate-authority-data'];
  if (!ca)
    throw new Error(`admin kubeconfig of ${input.cluster} has no certificate-authority-data`);
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: input.cluster,
        cluster: {
          server: `https://${input.cluster}-control-plane:6443`,
          'certificate-authority-data': ca,
        },
      },
    ],
    users: [{ name: LEARNER_SERVICE_ACCOUNT, user: { token: input.token } }],
    contexts: [
      {
        name: input.cluster,
        context: {
          cluster: input.cluster,
          user: LEARNER_SERVICE_ACCOUNT,
          namespace: input.namespace,
        },
      },
    ],
    'current-context': input.cluster,
  });
}
