export const CLUSTER_STATUS: Record<string, string> = {
  creating: 'wird erstellt',
  pooling: 'wird für den Vorrat erstellt',
  ready: 'bereit im Vorrat',
  assigned: 'in Benutzung',
  deleting: 'wird gelöscht',
  deleted: 'gelöscht',
  failed: 'fehlgeschlagen',
  lost: 'auf einem Rechner, der nicht antwortet',
};

export const DRIVERS: Record<string, string> = {
  kind: 'kind-Cluster',
  container: 'Container',
};

/** What an untitled check looks at, for the instructor's attempt list. */
export const CHECK_KINDS: Record<string, string> = {
  resource: 'Objekt im Cluster',
  answer: 'Antwort',
  connectivity: 'Verbindung',
  reachability: 'Erreichbarkeit',
  dns: 'DNS-Auflösung',
  sourceIp: 'Quelladresse',
  nodeExec: 'Befehl auf dem Knoten',
  kubeProxyRules: 'kube-proxy-Regeln',
  policy: 'NetworkPolicies',
  transcript: 'Befehl im Terminal',
};
