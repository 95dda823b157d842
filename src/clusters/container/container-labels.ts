/** Labels on every container and network kubelab makes for `environment: container` labs. */
export const CONTAINER_LABELS = {
  managed: 'dev.kubelab.managed',
  cluster: 'dev.kubelab.cluster',
  role: 'dev.kubelab.role',
  instance: 'dev.kubelab.instance',
} as const;
