import fs from 'node:fs';
import path from 'node:path';
import { parseDigOutput, resolveDig } from './dns/dig-output.js';
import { chainHash, servicePortName } from './kube-proxy/chain-names.js';
import { option, parseIptablesSave } from './kube-proxy/iptables-save.js';
import { evaluateReachability } from './policy/reachability.js';

/**
 * What real kind clusters printed (kind v0.33.0, Kubernetes v1.37.2, recorded by
 * scripts/kind-offline/record-fixtures.sh; see test/fixtures/real-kind/README.md), read by the
 * parsers the checks use. Expected values come from the recorded API objects of the same
 * cluster, never from the parser under test.
 */
const REAL = path.resolve('test/fixtures/real-kind');
const read = (file: string) => fs.readFileSync(path.join(REAL, file), 'utf8');

interface Item {
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: { clusterIP?: string; ports?: { name?: string; port: number }[] };
  status?: { podIP?: string };
  endpoints?: { addresses: string[]; conditions?: { ready?: boolean } }[];
}
const lab = (JSON.parse(read('objects/lab02-solved.json')) as { items: Item[] }).items;
const web = lab.find((i) => i.kind === 'Service' && i.metadata.name === 'web');
const webEndpoints = lab
  .filter(
    (i) =>
      i.kind === 'EndpointSlice' && i.metadata.labels?.['kubernetes.io/service-name'] === 'web',
  )
  .flatMap((s) => s.endpoints ?? [])
  .filter((e) => e.conditions?.ready !== false)
  .flatMap((e) => e.addresses);

describe('recorded output of a real kind cluster (lab 02, solved)', () => {
  it('has the objects the other tests take their expectations from', () => {
    expect(web?.spec?.clusterIP).toMatch(/^10\.96\.\d+\.\d+$/);
    expect(webEndpoints).toHaveLength(3);
  });

  describe('iptables-save -t nat on a worker', () => {
    const nat = parseIptablesSave(read('iptables-save/nat.lab02-solved.txt'));
    const port = web?.spec?.ports?.[0];
    const svcChain = `KUBE-SVC-${chainHash(servicePortName('lab', 'web', port?.name), 'tcp')}`;

    it('jumps from the ClusterIP to the KUBE-SVC chain whose name kube-proxy hashes', () => {
      const jump = nat
        .get('KUBE-SERVICES')
        ?.find((r) => option(r, '-d') === `${web?.spec?.clusterIP}/32`);
      expect(jump && option(jump, '-j')).toBe(svcChain);
    });

    it('spreads over one KUBE-SEP per ready endpoint with the probabilities iptables prints back', () => {
      const seps = (nat.get(svcChain) ?? []).filter((r) =>
        option(r, '-j')?.startsWith('KUBE-SEP-'),
      );
      expect(seps.map((r) => option(r, '--probability'))).toEqual([
        '0.33333333349',
        '0.50000000000',
        undefined,
      ]);
      const targets = seps.map((r) =>
        option(
          nat.get(option(r, '-j') ?? '')?.find((d) => option(d, '-j') === 'DNAT') ?? {
            chain: '',
            words: [],
          },
          '--to-destination',
        ),
      );
      expect(targets.map((t) => t?.split(':')[0]).sort()).toEqual([...webEndpoints].sort());
    });

    it("holds kindnet's KIND-MASQ-AGENT: pod network returns, the rest is masqueraded", () => {
      const masq = nat.get('KIND-MASQ-AGENT') ?? [];
      expect(masq.map((r) => [option(r, '-d'), option(r, '-j')])).toEqual([
        ['10.244.0.0/16', 'RETURN'],
        [undefined, 'MASQUERADE'],
      ]);
    });
  });

  describe('dig in the client pod (CoreDNS v1.14.6)', () => {
    it('finds the service along the search list, with its ClusterIP', () => {
      const resolution = resolveDig(parseDigOutput(read('dig/showsearch-web-a.txt')), 'A');
      expect(resolution).toEqual({
        status: 'NOERROR',
        name: 'web.lab.svc.cluster.local.',
        answers: [web?.spec?.clusterIP],
      });
    });

    it('says NXDOMAIN for a name no search domain knows, whatever the upstream answered', () => {
      const output = parseDigOutput(read('dig/showsearch-nosuch-a.txt'));
      const searched = read('dig/client-resolv.conf')
        .match(/^search (.*)$/m)?.[1]
        ?.split(/\s+/);
      expect(output.attempts.slice(0, searched?.length).map((a) => a.question)).toEqual(
        (searched ?? []).map((domain) => `nosuch.${domain}.`),
      );
      expect(resolveDig(output, 'A').status).toBe('NXDOMAIN');
    });

    it('resolves kube-dns to the ClusterIP of its Service', () => {
      const service = JSON.parse(read('objects/kube-dns-service.json')) as Item;
      expect(resolveDig(parseDigOutput(read('dig/kube-dns-a.txt')), 'A').answers).toEqual([
        service.spec?.clusterIP,
      ]);
    });
  });

  it("routes every other node's podCIDR via that node's InternalIP (ip -j route on a worker)", () => {
    interface Node {
      metadata: { name: string };
      spec: { podCIDR: string };
      status: { addresses: { type: string; address: string }[] };
    }
    const nodes = (JSON.parse(read('objects/nodes.json')) as { items: Node[] }).items;
    const routes = JSON.parse(read('ip-route/worker.json')) as { dst: string; gateway?: string }[];
    const own = nodes.find((n) => n.metadata.name.endsWith('-worker'));
    const expected = nodes
      .filter((n) => n !== own)
      .map((n) => ({
        dst: n.spec.podCIDR,
        gateway: n.status.addresses.find((a) => a.type === 'InternalIP')?.address,
      }));
    expect(
      routes
        .filter((r) => r.gateway && r.dst !== 'default')
        .map(({ dst, gateway }) => ({ dst, gateway })),
    ).toEqual(expect.arrayContaining(expected));
    expect(routes.some((r) => r.dst === own?.spec.podCIDR)).toBe(false);
  });

  it('evaluates the recorded NetworkPolicies over the recorded pods as the API has them', () => {
    const objects = [
      ...(JSON.parse(read('objects/namespaces.json')) as { items: unknown[] }).items,
      ...lab,
      ...(JSON.parse(read('objects/networkpolicies.json')) as { items: unknown[] }).items,
    ];
    const cells = evaluateReachability(objects, { port: 8080, protocol: 'TCP' }).filter(
      (c) => c.from !== c.to && c.to.startsWith('lab/web-'),
    );
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells)
      expect([cell.from, cell.allowed]).toEqual([cell.from, cell.from === 'lab/client']);
  });
});
