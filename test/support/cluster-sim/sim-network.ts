/* eslint-disable @typescript-eslint/no-unsafe-return -- manifests are untyped JSON, read like kubectl reads them */
import net from 'node:net';
import type { ConnectResult } from '../../../src/clusters/probe/agnhost-connect.js';
import { parseClusterState } from '../../../src/grading/policy/cluster-state.js';
import { compileIpBlock } from '../../../src/grading/policy/ip-block.js';
import { compileCluster, type CompiledCluster } from '../../../src/grading/policy/policy-index.js';
import type { Protocol } from '../../../src/grading/policy/policy-model.js';
import { isConnectionAllowed } from '../../../src/grading/policy/reachability.js';
import { portsMatch } from '../../../src/grading/policy/rule-match.js';
import { askUpstream, blockFor, corefileOf, parseCorefile } from './sim-corefile.js';
import { SIM_NODES } from './sim-objects.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CLUSTER_DOMAIN = 'cluster.local';

/** Ports a pod serves, read from how it was started (agnhost's defaults, CoreDNS's Corefile). */
function listening(pod: Obj, objects: Obj[]): { port: number; protocol: Protocol }[] {
  const served: { port: number; protocol: Protocol }[] = [];
  for (const container of pod.spec.containers ?? []) {
    const words: string[] = [...(container.command ?? []), ...(container.args ?? [])].map(String);
    const flag = (name: string, fallback: number) => {
      const found = words.find((w) => w.startsWith(`--${name}=`));
      return found ? Number(found.split('=')[1]) : fallback;
    };
    if (words.includes('netexec')) {
      served.push({ port: flag('http-port', 8080), protocol: 'TCP' });
      const udp = flag('udp-port', 8081);
      if (udp > 0) served.push({ port: udp, protocol: 'UDP' });
    }
    if (words.includes('porter')) {
      for (const env of container.env ?? []) {
        const match = /^SERVE_PORT_(\d+)$/.exec(String(env.name));
        if (match) served.push({ port: Number(match[1]), protocol: 'TCP' });
      }
    }
    if (String(container.image).includes('coredns')) {
      const corefile = corefileOf(pod, objects);
      const ports = corefile ? [...new Set(parseCorefile(corefile).map((b) => b.port))] : [53];
      for (const port of ports) served.push({ port, protocol: 'UDP' }, { port, protocol: 'TCP' });
      if (pod.metadata.labels?.['k8s-app'] === 'kube-dns')
        served.push({ port: 9153, protocol: 'TCP' });
    }
  }
  return served;
}

/**
 * What a connection attempt from a pod would do in the simulated kind cluster: names resolve
 * through CoreDNS (which the source must be allowed to reach on 53/UDP), ClusterIPs are DNATed to
 * their ready endpoints, NetworkPolicies are enforced on the translated destination as kindnet
 * does, and a port nobody serves is refused. A service whose endpoints would answer differently
 * is an error: the real result would depend on which endpoint kube-proxy picks.
 */
export class SimNetwork {
  private readonly cluster: CompiledCluster;
  private readonly pods: Obj[];

  constructor(private readonly objects: Obj[]) {
    this.pods = objects.filter((o) => o.kind === 'Pod' && o.status?.podIP);
    const podNetwork = this.pods.filter((p) => !p.spec.hostNetwork);
    this.cluster = compileCluster(
      parseClusterState([
        ...objects.filter((o) => o.kind === 'Namespace' || o.kind === 'NetworkPolicy'),
        ...podNetwork,
      ]),
    );
  }

  connect(
    from: { namespace: string; name: string },
    host: string,
    port: number,
    protocol: Protocol,
  ): ConnectResult {
    const source = this.cluster.podIndex.get(`${from.namespace}/${from.name}`);
    if (source === undefined)
      throw new Error(`SimNetwork: no pod-network pod ${from.namespace}/${from.name}`);
    let ip = host;
    if (!net.isIP(host)) {
      const dns = this.dnsServers().some((d) => this.podAllows(source, d, 53, 'UDP'));
      if (!dns) return 'DNS';
      const resolved = this.resolve(host, from.namespace);
      if (!resolved) return 'DNS';
      ip = resolved;
    }
    const service = this.objects.find((o) => o.kind === 'Service' && o.spec.clusterIP === ip);
    if (service) return this.viaService(source, service, port, protocol);
    return this.toAddress(source, ip, port, protocol);
  }

  private viaService(
    source: number,
    service: Obj,
    port: number,
    protocol: Protocol,
  ): ConnectResult {
    const servicePort = (service.spec.ports ?? []).find(
      (p: Obj) => p.port === port && (p.protocol ?? 'TCP') === protocol,
    );
    if (!servicePort) return 'TIMEOUT';
    const slice = this.objects.filter(
      (o) =>
        o.kind === 'EndpointSlice' &&
        o.metadata.namespace === service.metadata.namespace &&
        o.metadata.labels?.['kubernetes.io/service-name'] === service.metadata.name,
    );
    const endpoints = slice
      .flatMap((s) => s.endpoints ?? [])
      .filter((e: Obj) => e.conditions?.ready !== false);
    if (endpoints.length === 0) return 'REFUSED';
    const targetPort =
      slice[0]?.ports?.find((p: Obj) => (p.name ?? '') === (servicePort.name ?? ''))?.port ?? port;
    const results = new Set(
      endpoints.map((e: Obj) => this.toAddress(source, e.addresses[0], targetPort, protocol)),
    );
    if (results.size > 1) {
      throw new Error(
        `SimNetwork: Service ${service.metadata.namespace}/${service.metadata.name} answers differently per endpoint (${[...results].join(', ')})`,
      );
    }
    return [...results][0];
  }

  private toAddress(source: number, ip: string, port: number, protocol: Protocol): ConnectResult {
    const destinationPod = this.pods.find((p) => !p.spec.hostNetwork && p.status.podIP === ip);
    if (destinationPod) {
      if (!this.routed(source, destinationPod)) return 'TIMEOUT';
      const destination = this.cluster.podIndex.get(
        `${destinationPod.metadata.namespace}/${destinationPod.metadata.name}`,
      );
      if (destination === undefined || !this.podAllows(source, destination, port, protocol))
        return 'TIMEOUT';
      return this.serves([destinationPod], port, protocol) ? 'connected' : 'REFUSED';
    }
    // Outside the pod network (a node, a hostNetwork pod): only the source's egress applies.
    if (!this.egressAllowsIp(source, ip, port, protocol)) return 'TIMEOUT';
    const onHost = this.pods.filter((p) => p.spec.hostNetwork && p.status.podIP === ip);
    const node = SIM_NODES.find((n) => n.ip === ip);
    if (!node) return 'TIMEOUT';
    // A hostPort: the CNI's portmap plugin DNATs the node's port to the pod's containerPort.
    const mapped = this.hostPortOn(node.name, port, protocol);
    if (mapped) return this.toAddress(source, mapped.ip, mapped.port, protocol);
    return this.serves(onHost, port, protocol) ? 'connected' : 'REFUSED';
  }

  /**
   * Between nodes, pod traffic needs kindnet's routes on both (there and back). Where kindnet
   * does not run, this lab has removed them (a node that restarted without kindnet has none).
   */
  private routed(source: number, destination: Obj): boolean {
    const from = this.cluster.pods[source];
    const sourceNode = this.pods.find(
      (p) => p.metadata.namespace === from?.namespace && p.metadata.name === from?.name,
    )?.spec.nodeName;
    const destinationNode = destination.spec.nodeName;
    if (sourceNode === destinationNode) return true;
    const kindnetOn = (node: string) =>
      this.pods.some(
        (p) =>
          p.metadata.namespace === 'kube-system' &&
          p.metadata.labels?.app === 'kindnet' &&
          p.spec.nodeName === node,
      );
    return kindnetOn(sourceNode) && kindnetOn(destinationNode);
  }

  private hostPortOn(
    node: string,
    port: number,
    protocol: Protocol,
  ): { ip: string; port: number } | undefined {
    for (const pod of this.pods.filter((p) => !p.spec.hostNetwork && p.spec.nodeName === node)) {
      for (const container of pod.spec.containers ?? []) {
        const mapping = (container.ports ?? []).find(
          (p: Obj) => p.hostPort === port && (p.protocol ?? 'TCP') === protocol,
        );
        if (mapping) return { ip: pod.status.podIP, port: mapping.containerPort };
      }
    }
    return undefined;
  }

  private serves(pods: Obj[], port: number, protocol: Protocol): boolean {
    return pods.some((p) =>
      listening(p, this.objects).some((l) => l.port === port && l.protocol === protocol),
    );
  }

  private podAllows(
    source: number,
    destination: number,
    port: number,
    protocol: Protocol,
  ): boolean {
    return isConnectionAllowed(this.cluster, source, destination, { port, protocol });
  }

  private egressAllowsIp(source: number, ip: string, port: number, protocol: Protocol): boolean {
    const egress = this.cluster.egress[source];
    if (!egress || egress.isolatedBy.length === 0) return true;
    const pseudo = { namespace: '', name: ip, labels: {}, ip, ports: [] };
    return egress.rules.some(
      (r) =>
        (r.rule.peers.length === 0 ||
          r.rule.peers.some((p) => p.kind === 'ipBlock' && compileIpBlock(p.ipBlock)(ip))) &&
        portsMatch(r.rule.ports, pseudo, port, protocol),
    );
  }

  private dnsServers(): number[] {
    return this.pods
      .filter(
        (p) =>
          p.metadata.namespace === 'kube-system' && p.metadata.labels?.['k8s-app'] === 'kube-dns',
      )
      .map((p) => this.cluster.podIndex.get(`kube-system/${p.metadata.name}`))
      .filter((i): i is number => i !== undefined);
  }

  /** A pod's view of DNS: its search list (ndots:5), then CoreDNS's records. */
  resolve(name: string, namespace: string): string | undefined {
    for (const fqdn of this.searchList(name, namespace)) {
      const answer = this.lookup(fqdn).answers[0];
      if (answer) return answer;
    }
    return undefined;
  }

  /** The names a pod's resolver tries, in order (resolv.conf with ndots:5). */
  searchList(name: string, namespace: string): string[] {
    const absolute = name.endsWith('.');
    const bare = absolute ? name.slice(0, -1) : name;
    const search = [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
    if (absolute) return [bare];
    const dots = bare.split('.').length - 1;
    const expanded = search.map((s) => `${bare}.${s}`);
    return dots >= 5 ? [bare, ...expanded] : [...expanded, bare];
  }

  /**
   * `dig +search +showsearch <name> A` from a pod, as BIND's dig prints it: one block per name
   * tried until one answers; exit 9 and "no servers could be reached" when policies block DNS.
   */
  dig(
    from: { namespace: string; name: string },
    name: string,
  ): { exitCode: number; stdout: string } {
    const source = this.cluster.podIndex.get(`${from.namespace}/${from.name}`);
    const header = `; <<>> DiG 9.18.33 <<>> +search +showsearch ${name} A\n;; global options: +cmd\n`;
    if (
      source === undefined ||
      !this.dnsServers().some((d) => this.podAllows(source, d, 53, 'UDP'))
    ) {
      return { exitCode: 9, stdout: `${header};; no servers could be reached\n` };
    }
    const blocks: string[] = [];
    for (const fqdn of this.searchList(name, from.namespace)) {
      const { status, answers } = this.lookup(fqdn);
      blocks.push(
        [
          header.trimEnd(),
          ';; Got answer:',
          `;; ->>HEADER<<- opcode: QUERY, status: ${status}, id: ${blocks.length + 1}`,
          `;; flags: qr aa rd; QUERY: 1, ANSWER: ${answers.length}, AUTHORITY: 0, ADDITIONAL: 1`,
          '',
          ';; QUESTION SECTION:',
          `;${fqdn}.\t\tIN\tA`,
          '',
          ...(answers.length > 0
            ? [';; ANSWER SECTION:', ...answers.map((ip) => `${fqdn}.\t30\tIN\tA\t${ip}`), '']
            : []),
          ';; Query time: 0 msec',
          '',
        ].join('\n'),
      );
      if (answers.length > 0) break;
    }
    return { exitCode: 0, stdout: `${blocks.join('\n')}\n` };
  }

  /**
   * What the cluster's CoreDNS answers for `fqdn`, by its Corefile (ConfigMap kube-system/coredns):
   * the kubernetes plugin for its zones, inline hosts, else the block's `forward` upstream.
   */
  private lookup(fqdn: string): { status: string; answers: string[] } {
    const corefile = this.objects.find(
      (o) =>
        o.kind === 'ConfigMap' &&
        o.metadata.namespace === 'kube-system' &&
        o.metadata.name === 'coredns',
    )?.data?.Corefile as string | undefined;
    const block = corefile ? blockFor(parseCorefile(corefile), fqdn) : undefined;
    if (!block) return { status: 'REFUSED', answers: [] };
    const answered = (answers: string[]) => ({
      status: answers.length > 0 ? 'NOERROR' : 'NXDOMAIN',
      answers,
    });
    if (block.kubernetes.some((zone) => fqdn === zone || fqdn.endsWith(`.${zone}`)))
      return answered(fqdn.endsWith(`.${CLUSTER_DOMAIN}`) ? this.records(fqdn) : []);
    const inline = block.hosts.get(fqdn);
    if (inline) return answered(inline);
    const upstream = block.forward[0];
    // `/etc/resolv.conf`: the node's resolver, which has no upstream in these clusters.
    if (!upstream || upstream.startsWith('/')) return { status: 'SERVFAIL', answers: [] };
    return askUpstream(upstream, fqdn, this.objects, (pod, port) =>
      this.serves([pod], port, 'UDP'),
    );
  }

  /** CoreDNS' kubernetes plugin with `pods insecure`: service A records and pod A records. */
  private records(fqdn: string): string[] {
    const suffix = `.${CLUSTER_DOMAIN}`;
    if (!fqdn.endsWith(suffix)) return [];
    const labels = fqdn.slice(0, -suffix.length).split('.');
    if (labels.length === 3 && labels[2] === 'svc') {
      const [name, namespace] = labels;
      const service = this.objects.find(
        (o) =>
          o.kind === 'Service' && o.metadata.namespace === namespace && o.metadata.name === name,
      );
      if (!service) return [];
      if (service.spec.clusterIP !== 'None') return [service.spec.clusterIP];
      return this.objects
        .filter(
          (o) =>
            o.kind === 'EndpointSlice' &&
            o.metadata.namespace === namespace &&
            o.metadata.labels?.['kubernetes.io/service-name'] === name,
        )
        .flatMap((slice) => slice.endpoints ?? [])
        .filter((e: Obj) => e.conditions?.ready !== false)
        .map((e: Obj) => e.addresses[0]);
    }
    if (labels.length === 3 && labels[2] === 'pod') {
      const ip = labels[0]?.replaceAll('-', '.') ?? '';
      return net.isIPv4(ip) ? [ip] : [];
    }
    if (labels.length === 4 && labels[3] === 'svc') {
      const [hostname, subdomain, namespace] = labels;
      const headless = this.objects.some(
        (o) =>
          o.kind === 'Service' &&
          o.metadata.namespace === namespace &&
          o.metadata.name === subdomain &&
          o.spec.clusterIP === 'None',
      );
      if (!headless) return [];
      const pod = this.pods.find(
        (p) =>
          p.metadata.namespace === namespace &&
          p.spec.hostname === hostname &&
          p.spec.subdomain === subdomain,
      );
      return pod ? [pod.status.podIP] : [];
    }
    return [];
  }
}
