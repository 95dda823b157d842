/* eslint-disable @typescript-eslint/no-unsafe-return -- manifests are untyped JSON, read like kubectl reads them */
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One server block of a Corefile, with the plugins SimNetwork reads. */
export interface ServerBlock {
  /** Zones without the trailing dot; `.` is the root. */
  zones: string[];
  port: number;
  /** `kubernetes <zones…>`: the zones the kubernetes plugin answers. */
  kubernetes: string[];
  /** `forward . <to…>`: upstream addresses as written (`10.96.0.53`, `10.96.0.53:53`, a file). */
  forward: string[];
  /** Inline entries of the `hosts` plugin: name → addresses. */
  hosts: Map<string, string[]>;
}

/**
 * Reads the parts of a Corefile the simulator answers from: server blocks (`zone:port {`), the
 * zones of `kubernetes`, the upstreams of `forward`, inline `hosts` entries. Anything it cannot
 * read as a Corefile (an unbalanced brace) is an error, as CoreDNS refuses to start on it.
 */
export function parseCorefile(text: string): ServerBlock[] {
  const blocks: ServerBlock[] = [];
  let block: ServerBlock | undefined;
  let plugin: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const opens = line.endsWith('{');
    const words = line.replace(/\{$/, '').trim().split(/\s+/).filter(Boolean);
    if (line === '}') {
      if (plugin !== undefined) plugin = undefined;
      else if (block) {
        blocks.push(block);
        block = undefined;
      } else throw new Error('Corefile: unbalanced }');
      continue;
    }
    if (!block) {
      if (!opens) throw new Error(`Corefile: expected a server block, got "${line}"`);
      const keys = words.map((w) => w.replace(/^dns:\/\//, ''));
      const port = Number(keys[0]?.split(':')[1] ?? 53);
      block = {
        zones: keys.map((k) => k.split(':')[0]?.replace(/\.$/, '') || '.'),
        port,
        kubernetes: [],
        forward: [],
        hosts: new Map(),
      };
      continue;
    }
    if (plugin === 'hosts') {
      const [address, ...names] = words;
      for (const name of names) {
        const key = name.replace(/\.$/, '');
        block.hosts.set(key, [...(block.hosts.get(key) ?? []), address ?? '']);
      }
    } else if (plugin === undefined) {
      const [name, ...args] = words;
      if (name === 'kubernetes') block.kubernetes = args.map((z) => z.replace(/\.$/, ''));
      if (name === 'forward') block.forward = args.slice(1);
      if (opens) plugin = name ?? '';
    }
  }
  if (block) throw new Error('Corefile: a server block is not closed');
  return blocks;
}

/** The server block that answers `fqdn`: the longest zone it falls into. */
export function blockFor(blocks: ServerBlock[], fqdn: string, port = 53): ServerBlock | undefined {
  let best: { block: ServerBlock; length: number } | undefined;
  for (const block of blocks.filter((b) => b.port === port)) {
    for (const zone of block.zones) {
      const inZone = zone === '.' || fqdn === zone || fqdn.endsWith(`.${zone}`);
      const length = zone === '.' ? 0 : zone.length;
      if (inZone && (!best || length > best.length)) best = { block, length };
    }
  }
  return best?.block;
}

/**
 * The Corefile a CoreDNS pod runs: the cluster's (ConfigMap kube-system/coredns) for the
 * kube-dns pods, else the file `-conf` names, read from the ConfigMap mounted there.
 */
export function corefileOf(pod: Obj, objects: Obj[]): string | undefined {
  const configMap = (namespace: string, name: string) =>
    objects.find(
      (o) =>
        o.kind === 'ConfigMap' && o.metadata.namespace === namespace && o.metadata.name === name,
    );
  if (pod.metadata.namespace === 'kube-system' && pod.metadata.labels?.['k8s-app'] === 'kube-dns')
    return configMap('kube-system', 'coredns')?.data?.Corefile;
  for (const container of pod.spec.containers ?? []) {
    const args: string[] = [...(container.command ?? []), ...(container.args ?? [])].map(String);
    const conf = args[args.indexOf('-conf') + 1];
    if (!args.includes('-conf') || !conf) continue;
    const dir = conf.slice(0, conf.lastIndexOf('/'));
    const file = conf.slice(conf.lastIndexOf('/') + 1);
    const mount = (container.volumeMounts ?? []).find((m: Obj) => m.mountPath === dir);
    const volume = (pod.spec.volumes ?? []).find((v: Obj) => v.name === mount?.name);
    if (volume?.configMap)
      return configMap(pod.metadata.namespace, volume.configMap.name)?.data?.[file];
  }
  return undefined;
}

/**
 * CoreDNS's `forward` to another DNS server (a Service's ClusterIP or a pod IP, port 53 unless
 * written): that server's own Corefile answers; SERVFAIL when nothing answers at the address.
 */
export function askUpstream(
  upstream: string,
  fqdn: string,
  objects: Obj[],
  servesUdp: (pod: Obj, port: number) => boolean,
): { status: string; answers: string[] } {
  const pods = objects.filter((o) => o.kind === 'Pod' && o.status?.podIP);
  const [ip = '', portText] = upstream.replace(/^dns:\/\//, '').split(':');
  const port = Number(portText ?? 53);
  const servers: { pod: Obj; port: number }[] = [];
  const service = objects.find((o) => o.kind === 'Service' && o.spec.clusterIP === ip);
  if (service) {
    const servicePort = (service.spec.ports ?? []).find(
      (p: Obj) => p.port === port && (p.protocol ?? 'TCP') === 'UDP',
    );
    const slices = objects.filter(
      (o) =>
        o.kind === 'EndpointSlice' &&
        o.metadata.namespace === service.metadata.namespace &&
        o.metadata.labels?.['kubernetes.io/service-name'] === service.metadata.name,
    );
    const targetPort = slices[0]?.ports?.find(
      (p: Obj) => (p.name ?? '') === (servicePort?.name ?? ''),
    )?.port;
    const addresses = slices
      .flatMap((s) => s.endpoints ?? [])
      .filter((e: Obj) => e.conditions?.ready !== false)
      .map((e: Obj) => e.addresses[0]);
    if (servicePort && targetPort) {
      for (const pod of pods.filter((p) => addresses.includes(p.status.podIP)))
        servers.push({ pod, port: targetPort });
    }
  } else {
    for (const pod of pods.filter((p) => p.status.podIP === ip)) servers.push({ pod, port });
  }
  for (const server of servers) {
    if (!servesUdp(server.pod, server.port)) continue;
    const corefile = corefileOf(server.pod, objects);
    const block = corefile ? blockFor(parseCorefile(corefile), fqdn, server.port) : undefined;
    if (!block) continue;
    const answers = block.hosts.get(fqdn) ?? [];
    return { status: answers.length > 0 ? 'NOERROR' : 'NXDOMAIN', answers };
  }
  return { status: 'SERVFAIL', answers: [] };
}
