export const CLUSTER_STATUS: Record<string, string> = {
  creating: 'wird erstellt',
  pooling: 'wird für den Vorrat erstellt',
  ready: 'bereit im Vorrat',
  assigned: 'in Benutzung',
  deleting: 'wird gelöscht',
  deleted: 'gelöscht',
  failed: 'fehlgeschlagen',
};

export const DRIVERS: Record<string, string> = {
  kind: 'kind-Cluster',
  container: 'Container',
};
