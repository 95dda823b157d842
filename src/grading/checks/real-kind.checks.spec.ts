import fs from 'node:fs';
import path from 'node:path';
import {
  FakeEnvironmentHandle,
  gradeInput,
  ok,
} from '../../../test/support/fake-environment-handle.js';
import { dnsCheckSpec } from '../../../test/support/dns-check-spec.js';
import { FakeKube } from '../../../test/support/fake-kube.js';
import type { ClusterNode } from '../../clusters/environment-handle.js';
import type { KubeObject } from '../../kube/kube-reader.js';
import type { CheckSpecOf } from '../check-evaluator.js';
import { DnsCheck } from './dns.check.js';
import { KubeProxyRulesCheck } from './kube-proxy-rules.check.js';

/**
 * Checks as lab 02 uses them, on what a real kind cluster answered (test/fixtures/real-kind):
 * its API objects stand in for the API, its recorded tool output for the execs.
 */
const REAL = path.resolve('test/fixtures/real-kind');
const read = (file: string) => fs.readFileSync(path.join(REAL, file), 'utf8');
type Recorded = KubeObject & { metadata: { name: string }; spec?: { clusterIP?: string } };
const items = (file: string) => (JSON.parse(read(file)) as { items: Recorded[] }).items;

const objects = [
  ...items('objects/nodes.json'),
  ...items('objects/namespaces.json'),
  ...items('objects/lab02-solved.json'),
  JSON.parse(read('objects/kube-dns-service.json')) as Recorded,
];
const kube = () => new FakeKube(objects);
const nodes: ClusterNode[] = items('objects/nodes.json').map((n, i) => ({
  name: n.metadata.name,
  role: n.metadata.name.endsWith('-control-plane') ? 'control-plane' : 'worker',
  containerId: `recorded${i}`,
}));
const worker = nodes.find((n) => n.name.endsWith('-worker'))?.name ?? '';
const webIp = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'web')?.spec
  ?.clusterIP;

describe('checks on a real kind cluster’s recording (lab 02, solved)', () => {
  it('dns: „web“ from the client pod resolves to the live ClusterIP of lab/web', async () => {
    const handle = new FakeEnvironmentHandle(nodes).onPod(
      'lab/client',
      ['dig', '+search', '+showsearch', '+time=2', '+tries=2', 'web'],
      ok(read('dig/showsearch-web-a.txt')),
    );
    const spec = dnsCheckSpec({ from: { namespace: 'lab', pod: 'client' } });
    await expect(
      new DnsCheck().evaluate(spec, gradeInput({ kube: kube(), handle })),
    ).resolves.toMatchObject({
      status: 'pass',
      observed: { status: 'NOERROR', answers: [webIp] },
    });
  });

  it('kubeProxyRules: the worker’s nat table has one KUBE-SEP per ready endpoint of lab/web', async () => {
    const handle = new FakeEnvironmentHandle(nodes).onNode(
      worker,
      ['iptables-save', '-t', 'nat'],
      ok(read('iptables-save/nat.lab02-solved.txt')),
    );
    const spec: CheckSpecOf<'kubeProxyRules'> = {
      id: 'ketten',
      kind: 'kubeProxyRules',
      node: 'worker',
      service: { namespace: 'lab', name: 'web' },
    };
    const result = await new KubeProxyRulesCheck().evaluate(
      spec,
      gradeInput({ kube: kube(), handle }),
    );
    expect(result.status).toBe('pass');
    expect(result.message).toMatch(/zu 3 KUBE-SEP-Kette\(n\)/);
  });
});
