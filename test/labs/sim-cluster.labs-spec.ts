/* eslint-disable @typescript-eslint/no-unsafe-return -- manifests are untyped JSON, read like kubectl reads them */
import { parseDigOutput, resolveDig } from '../../src/grading/dns/dig-output.js';
import { SimCluster } from '../support/cluster-sim/sim-cluster.js';
import { SimNetwork } from '../support/cluster-sim/sim-network.js';
import { scriptCommands, shellWords } from '../../src/labs/script-commands.js';

const AGNHOST = 'registry.k8s.io/e2e-test-images/agnhost:2.53';

function deployment(name: string, replicas: number, spread = false): string {
  const antiAffinity = spread
    ? `
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - topologyKey: kubernetes.io/hostname
              labelSelector: {matchLabels: {app: ${name}}}`
    : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: lab}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:${antiAffinity}
      containers: [{name: web, image: ${AGNHOST}, ports: [{name: http, containerPort: 8080}]}]
`;
}

describe('SimCluster', () => {
  let sim: SimCluster;
  beforeEach(() => {
    sim = new SimCluster();
    sim.applyYaml('apiVersion: v1\nkind: Namespace\nmetadata: {name: lab}\n');
  });
  const pods = (app: string) =>
    sim.list('Pod', 'lab').filter((p) => p.metadata.labels?.app === app);

  it('starts like kind: three nodes with /24 pod CIDRs, CoreDNS behind 10.96.0.10', () => {
    expect(sim.list('Node').map((n) => n.spec.podCIDR)).toEqual([
      '10.244.0.0/24',
      '10.244.1.0/24',
      '10.244.2.0/24',
    ]);
    expect(sim.get('Service', 'kube-system', 'kube-dns')?.spec.clusterIP).toBe('10.96.0.10');
    const dns = sim
      .list('Pod', 'kube-system')
      .filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns');
    expect(dns.map((p) => p.status.podIP)).toEqual(['10.244.0.2', '10.244.0.3']);
    expect(sim.get('Namespace', undefined, 'lab')?.metadata.labels).toEqual({
      'kubernetes.io/metadata.name': 'lab',
    });
  });

  it('schedules onto workers only and gives each pod an IP of its node’s CIDR', () => {
    sim.applyYaml(deployment('web', 4));
    const placed = pods('web').map((p) => [p.spec.nodeName, p.status.podIP]);
    expect(placed).toEqual([
      ['kl-sim-worker', '10.244.1.2'],
      ['kl-sim-worker2', '10.244.2.2'],
      ['kl-sim-worker', '10.244.1.3'],
      ['kl-sim-worker2', '10.244.2.3'],
    ]);
    expect(pods('web')[0]?.metadata.name).toMatch(/^web-[a-z0-9]{10}-[a-z0-9]{5}$/);
  });

  it('keeps a required pod anti-affinity: a third replica stays Pending', () => {
    sim.applyYaml(deployment('web', 3, true));
    expect(pods('web').map((p) => p.status.phase)).toEqual(['Running', 'Running', 'Pending']);
    expect(sim.get('Deployment', 'lab', 'web')?.status.readyReplicas).toBe(2);
  });

  it('gives a service a ClusterIP, a NodePort and an EndpointSlice of the ready pods', () => {
    sim.applyYaml(deployment('web', 2));
    sim.applyYaml(
      'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: lab}\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]\n',
    );
    const service = sim.get('Service', 'lab', 'web');
    expect(service?.spec.clusterIP).toMatch(/^10\.96\.\d+\.\d+$/);
    expect(service?.spec.externalTrafficPolicy).toBe('Cluster');
    expect(service?.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    const [slice] = sim.list('EndpointSlice', 'lab');
    expect(slice?.endpoints.map((e: { addresses: string[] }) => e.addresses[0])).toEqual(
      pods('web').map((p) => p.status.podIP),
    );
    expect(slice?.ports).toEqual([{ name: '', protocol: 'TCP', port: 8080 }]);
  });

  it('replaces a deleted Deployment pod with a new name and a new IP, and updates endpoints', () => {
    sim.applyYaml(deployment('web', 1));
    sim.applyYaml(
      'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: lab}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n',
    );
    const [old] = pods('web');
    sim.runScript(`kubectl -n lab delete pod ${String(old?.metadata.name)}`);
    const [replacement] = pods('web');
    expect(replacement?.metadata.name).not.toBe(old?.metadata.name);
    expect(replacement?.status.podIP).not.toBe(old?.status.podIP);
    expect(sim.list('EndpointSlice', 'lab')[0]?.endpoints[0].addresses).toEqual([
      replacement?.status.podIP,
    ]);
  });

  it('plays the changing kubectl verbs of a solution script and skips the reading ones', () => {
    sim.applyYaml(deployment('web', 1));
    sim.runScript(`#!/usr/bin/env bash
set -euo pipefail
kubectl get pods -A -o wide | grep web
IP=$(kubectl -n lab get pod -l app=web -o jsonpath='{.items[0].status.podIP}')
kubectl -n lab get pod -o name | xargs -I{} kubectl -n lab exec {} -- ip route
kubectl -n lab scale deployment web --replicas=3
kubectl run probe -n lab --image=${AGNHOST} --labels=app=probe -- pause
kubectl -n lab label pod probe role=client
kubectl apply -f - <<'KUBECTL_EOF'
apiVersion: v1
kind: Service
metadata: {name: web, namespace: lab}
spec: {type: NodePort, selector: {app: web}, ports: [{port: 80}]}
KUBECTL_EOF
kubectl -n lab patch svc web --type merge -p '{"spec":{"externalTrafficPolicy":"Local"}}'
`);
    expect(pods('web')).toHaveLength(3);
    expect(sim.get('Pod', 'lab', 'probe')?.metadata.labels).toEqual({
      app: 'probe',
      role: 'client',
    });
    expect(sim.get('Pod', 'lab', 'probe')?.spec.containers[0].args).toEqual(['pause']);
    expect(sim.get('Service', 'lab', 'web')?.spec.externalTrafficPolicy).toBe('Local');
  });

  it.each([
    ['kubectl -n lab expose deployment web --port 80', /kubectl expose is not simulated/],
    ['kubectl -n lab delete pod $(kubectl -n lab get pod -o name)', /must stand alone/],
    ['for p in a b; do kubectl delete pod $p; done', /must stand alone/],
    ['sudo -E kubectl apply -f x.yaml', /must stand alone/],
    ['kubectl -n lab get pod -o name | xargs kubectl -n lab delete', /must stand alone/],
    ['kubectl apply -f web.yaml', /only "kubectl apply -f - <<EOF"/],
    ['kubectl -n lab delete pod nope', /Pod lab\/nope not found/],
  ])('refuses what it cannot reproduce: %s', (line, message) => {
    sim.applyYaml(deployment('web', 1));
    expect(() => sim.runScript(line)).toThrow(message);
  });
});

describe('shell words', () => {
  it('splits like bash for plain quoting and attaches heredocs', () => {
    expect(shellWords(`kubectl patch svc web -p '{"a": 1}' # comment`)).toEqual([
      'kubectl',
      'patch',
      'svc',
      'web',
      '-p',
      '{"a": 1}',
    ]);
    expect(scriptCommands("a \\\n  b\ncat <<'X'\nbody\nX\n")).toEqual([
      { line: 1, endLine: 2, text: 'a    b', argv: ['a', 'b'] },
      { line: 3, endLine: 5, text: 'cat', argv: ['cat'], stdin: 'body' },
    ]);
  });
});

describe('SimNetwork', () => {
  let sim: SimCluster;
  const web = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: lab, labels: {app: web}}
spec:
  containers: [{name: web, image: ${AGNHOST}, args: [netexec, --http-port=8080]}]
---
apiVersion: v1
kind: Pod
metadata: {name: probe, namespace: lab, labels: {app: probe}}
spec:
  containers: [{name: probe, image: ${AGNHOST}, args: [pause]}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: lab}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
`;
  const denyEgress = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress, namespace: lab}
spec: {podSelector: {}, policyTypes: [Egress]}
`;
  beforeEach(() => {
    sim = new SimCluster();
    sim.applyYaml('apiVersion: v1\nkind: Namespace\nmetadata: {name: lab}\n');
    sim.applyYaml(web);
  });
  const network = () => new SimNetwork(sim.list());
  const probe = { namespace: 'lab', name: 'probe' };

  it('connects through a Service name, DNATed to the pod’s target port', () => {
    expect(network().connect(probe, 'web', 80, 'TCP')).toBe('connected');
    expect(network().connect(probe, 'web.lab.svc.cluster.local.', 80, 'TCP')).toBe('connected');
    expect(network().connect(probe, sim.get('Pod', 'lab', 'web')?.status.podIP, 8080, 'TCP')).toBe(
      'connected',
    );
  });

  it('refuses a port nobody serves and a service without endpoints', () => {
    const podIp = sim.get('Pod', 'lab', 'web')?.status.podIP as string;
    expect(network().connect(probe, podIp, 9090, 'TCP')).toBe('REFUSED');
    sim.runScript('kubectl -n lab delete pod web');
    expect(network().connect(probe, 'web', 80, 'TCP')).toBe('REFUSED');
  });

  it('drops what a policy denies, and cannot resolve names when DNS egress is denied', () => {
    sim.applyYaml(denyEgress);
    const serviceIp = sim.get('Service', 'lab', 'web')?.spec.clusterIP as string;
    expect(network().connect(probe, serviceIp, 80, 'TCP')).toBe('TIMEOUT');
    expect(network().connect(probe, 'web', 80, 'TCP')).toBe('DNS');
    const dig = network().dig(probe, 'web');
    expect(dig.exitCode).toBe(9);
    expect(resolveDig(parseDigOutput(dig.stdout), 'A')).toEqual({ status: 'TIMEOUT', answers: [] });
  });

  it('answers dig along the search list like CoreDNS with pods insecure', () => {
    const resolve = (name: string) =>
      resolveDig(parseDigOutput(network().dig(probe, name).stdout), 'A');
    const serviceIp = sim.get('Service', 'lab', 'web')?.spec.clusterIP as string;
    expect(resolve('web')).toMatchObject({ status: 'NOERROR', answers: [serviceIp] });
    expect(resolve('web.lab')).toMatchObject({ status: 'NOERROR', answers: [serviceIp] });
    expect(resolve('web.default')).toMatchObject({ status: 'NXDOMAIN' });
    expect(resolve('10-244-9-9.lab.pod')).toMatchObject({
      status: 'NOERROR',
      answers: ['10.244.9.9'],
    });
    expect(resolve('10-244-9-9.lab')).toMatchObject({ status: 'NXDOMAIN' });
  });
});
