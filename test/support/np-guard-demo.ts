import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { NETPOL_TRUTH_DIR } from './netpol-truth.js';

const DEMO_DIR = path.join(NETPOL_TRUTH_DIR, 'np-guard-acs-security-demos');

interface Deployment {
  kind: string;
  metadata: { name: string; namespace: string };
  spec: {
    template: { metadata: { labels: Record<string, string> }; spec: { containers: object[] } };
  };
}

/**
 * np-guard's acs-security-demos as API objects: each Deployment becomes one Pod named after it
 * (np-guard analyses workloads, one pod stands for all replicas), plus the 14 NetworkPolicies.
 */
export function loadNpGuardDemo(): { objects: object[]; allowed: Set<string> } {
  const objects: object[] = [];
  for (const file of yamlFiles(path.join(DEMO_DIR, 'input'))) {
    for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const object = doc.toJS() as Deployment | null;
      if (object?.kind === 'NetworkPolicy') objects.push(object);
      if (object?.kind !== 'Deployment') continue;
      const { metadata, spec } = object;
      objects.push({
        kind: 'Pod',
        metadata: { ...metadata, labels: spec.template.metadata.labels },
        spec: spec.template.spec,
      });
    }
  }
  const connections = JSON.parse(
    fs.readFileSync(path.join(DEMO_DIR, 'expected', 'connlist_output.json'), 'utf8'),
  ) as { src: string; dst: string; conn: string }[];
  const workload = (name: string) => name.replace(/\[Deployment\]$/, '');
  const allowed = new Set(
    connections
      // Lines from `{ingress-controller}` stem from OpenShift Routes, outside NetworkPolicy.
      .filter((c) => !c.src.startsWith('{'))
      .map((c) => `${workload(c.src)} -> ${workload(c.dst)} ${c.conn}`),
  );
  return { objects, allowed };
}

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
