/* eslint-disable @typescript-eslint/no-unsafe-return -- manifests are untyped JSON, read like kubectl reads them */
import { createHash } from 'node:crypto';
import { parseAllDocuments } from 'yaml';
import type { KubeObject, KubeReader } from '../../../src/kube/kube-reader.js';
import { matchesSelector } from '../../../src/grading/policy/label-selector.js';
import type { LabelSelector } from '../../../src/grading/policy/policy-model.js';
import { FakeKube } from '../fake-kube.js';
import { applyKubectl } from './sim-kubectl.js';
import { BASE_NAMESPACES, COREFILE, SIM_NODES, nodeObject } from './sim-objects.js';
import { scriptCommands } from '../../../src/labs/script-commands.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CLUSTER_SCOPED = new Set(['Namespace', 'Node', 'ClusterRole', 'ClusterRoleBinding']);
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * A stand-in for a kind cluster's API server and controllers, for testing labs without kind: it
 * takes manifests and the kubectl commands of reference solutions and answers with the objects a
 * real cluster would then hold — pods scheduled onto nodes with IPs from the node's podCIDR,
 * Deployments' pods, Services with ClusterIPs, NodePorts and EndpointSlices. Deterministic.
 */
export class SimCluster {
  private readonly objects = new Map<string, Obj>();
  private readonly nextHost = new Map<string, number>();
  private sequence = 0;
  /** Deterministic: each new object is one second younger than the last. */
  private clock = Date.parse('2026-11-23T09:00:00Z');

  constructor() {
    for (const node of SIM_NODES) this.put(nodeObject(node));
    for (const name of BASE_NAMESPACES)
      this.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    this.bootstrapSystem();
  }

  /** The simulated clock; it ticks, so what is created afterwards is strictly younger. */
  now(): Date {
    this.clock += 1000;
    return new Date(this.clock);
  }

  /** The API as the graders read it. */
  kube(): KubeReader {
    return new FakeKube(this.list());
  }

  list(kind?: string, namespace?: string): Obj[] {
    return [...this.objects.values()].filter(
      (o) => (!kind || o.kind === kind) && (!namespace || o.metadata.namespace === namespace),
    );
  }

  get(kind: string, namespace: string | undefined, name: string): Obj | undefined {
    return this.objects.get(
      keyOf(kind, CLUSTER_SCOPED.has(kind) ? undefined : (namespace ?? 'default'), name),
    );
  }

  applyYaml(text: string): void {
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) throw new Error(`YAML: ${doc.errors[0]?.message ?? ''}`);
      const object = doc.toJS() as Obj | null;
      if (object) this.apply(object);
    }
  }

  /** Runs the kubectl commands of a solution script that change the cluster; reading ones are skipped. */
  runScript(script: string): void {
    for (const command of scriptCommands(script)) applyKubectl(this, command);
  }

  apply(input: KubeObject): void {
    const object = structuredClone<Obj>(input);
    const meta = (object.metadata ??= {});
    if (CLUSTER_SCOPED.has(object.kind)) delete meta.namespace;
    else meta.namespace ??= 'default';
    const existing = this.get(object.kind, meta.namespace, meta.name);
    switch (object.kind) {
      case 'Namespace':
        meta.labels = { ...meta.labels, 'kubernetes.io/metadata.name': meta.name };
        object.status = { phase: 'Active' };
        this.put(object);
        break;
      case 'Pod':
        if (existing)
          this.put({
            ...existing,
            metadata: { ...existing.metadata, labels: meta.labels, annotations: meta.annotations },
          });
        else this.createPod(object);
        break;
      case 'Deployment':
      case 'StatefulSet':
      case 'DaemonSet':
        // Server-side apply of a partial manifest (no selector): what it names is merged in.
        this.applyWorkload(
          existing && !object.spec?.selector
            ? mergePatch(structuredClone(existing), object)
            : object,
          existing,
        );
        break;
      case 'Service':
        this.applyService(object, existing);
        break;
      default:
        this.put(object);
    }
    this.syncEndpoints();
  }

  delete(kind: string, namespace: string | undefined, name: string): void {
    const object = this.get(kind, namespace, name);
    if (!object) throw new Error(`${kind} ${namespace ?? ''}/${name} not found`);
    this.objects.delete(keyOfObject(object));
    if (kind === 'Namespace') {
      for (const o of this.list(undefined, name)) this.objects.delete(keyOfObject(o));
    } else if (kind === 'Pod') {
      const owner = this.ownerOf(object);
      if (owner) this.reconcile(owner);
    } else if (['Deployment', 'StatefulSet', 'DaemonSet'].includes(kind)) {
      for (const pod of this.podsOf(object)) this.objects.delete(keyOfObject(pod));
    } else if (kind === 'Service') {
      for (const slice of this.slicesOf(object)) this.objects.delete(keyOfObject(slice));
    }
    this.syncEndpoints();
  }

  /** A merge patch (RFC 7386), as `kubectl patch --type merge` sends it. */
  patch(kind: string, namespace: string | undefined, name: string, patch: Obj): void {
    const object = this.get(kind, namespace, name);
    if (!object) throw new Error(`${kind} ${namespace ?? ''}/${name} not found`);
    this.apply(mergePatch(structuredClone(object), patch));
  }

  scale(namespace: string, name: string, replicas: number): void {
    this.patch('Deployment', namespace, name, { spec: { replicas } });
  }

  // --- workloads -------------------------------------------------------------------------------

  private applyWorkload(object: Obj, existing: Obj | undefined): void {
    const templateChanged =
      existing && JSON.stringify(existing.spec?.template) !== JSON.stringify(object.spec?.template);
    if (templateChanged) {
      for (const pod of this.podsOf(existing)) this.objects.delete(keyOfObject(pod));
    }
    object.metadata.uid = existing?.metadata.uid ?? this.uid(object);
    this.put(object);
    this.reconcile(object);
  }

  /** Brings a workload's pods to its desired count and refreshes its status. */
  private reconcile(workload: Obj): void {
    const pods = this.podsOf(workload);
    const template = workload.spec?.template ?? {};
    if (workload.kind === 'DaemonSet') {
      for (const node of SIM_NODES) {
        if (pods.some((p) => p.spec.nodeName === node.name)) continue;
        if (!tolerates(template.spec ?? {}, node.role)) continue;
        if (!selectsNode(template.spec ?? {}, node)) continue;
        this.createPod(
          this.podFromTemplate(workload, `${workload.metadata.name}-${this.suffix()}`, node.name),
        );
      }
    } else {
      const replicas = workload.spec?.replicas ?? 1;
      for (const extra of pods.slice(replicas)) this.objects.delete(keyOfObject(extra));
      for (let i = pods.length; i < replicas; i++) {
        const name =
          workload.kind === 'StatefulSet'
            ? `${workload.metadata.name}-${this.freeOrdinal(workload)}`
            : `${workload.metadata.name}-${this.templateHash(workload)}-${this.suffix()}`;
        this.createPod(this.podFromTemplate(workload, name));
      }
    }
    const now = this.podsOf(workload);
    const ready = now.filter((p) => p.status.phase === 'Running').length;
    workload.status =
      workload.kind === 'DaemonSet'
        ? {
            desiredNumberScheduled: now.length,
            currentNumberScheduled: now.length,
            numberReady: ready,
            numberAvailable: ready,
          }
        : {
            replicas: now.length,
            readyReplicas: ready,
            availableReplicas: ready,
            updatedReplicas: now.length,
            observedGeneration: 1,
          };
  }

  private podFromTemplate(workload: Obj, name: string, nodeName?: string): Obj {
    const template = structuredClone(workload.spec?.template ?? {});
    const labels = { ...template.metadata?.labels };
    if (workload.kind === 'Deployment') labels['pod-template-hash'] = this.templateHash(workload);
    if (workload.kind === 'StatefulSet') labels['statefulset.kubernetes.io/pod-name'] = name;
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: workload.metadata.namespace,
        labels,
        ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}),
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: workload.kind === 'Deployment' ? 'ReplicaSet' : workload.kind,
            name:
              workload.kind === 'Deployment'
                ? `${workload.metadata.name}-${this.templateHash(workload)}`
                : workload.metadata.name,
            uid: workload.metadata.uid,
            controller: true,
          },
        ],
      },
      spec: { ...template.spec, ...(nodeName ? { nodeName } : {}) },
    };
  }

  private podsOf(workload: Obj): Obj[] {
    return this.list('Pod', workload.metadata.namespace).filter(
      (p) =>
        this.ownerOf(p) === workload || this.ownerOf(p)?.metadata.uid === workload.metadata.uid,
    );
  }

  private ownerOf(pod: Obj): Obj | undefined {
    const ref = pod.metadata.ownerReferences?.[0];
    if (!ref) return undefined;
    return this.list(undefined, pod.metadata.namespace).find(
      (o) =>
        ['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind) && o.metadata.uid === ref.uid,
    );
  }

  private freeOrdinal(workload: Obj): number {
    const names = new Set(this.podsOf(workload).map((p) => p.metadata.name));
    let i = 0;
    while (names.has(`${workload.metadata.name}-${i}`)) i++;
    return i;
  }

  // --- pods ------------------------------------------------------------------------------------

  private createPod(pod: Obj): void {
    pod.apiVersion ??= 'v1';
    const spec = (pod.spec ??= {});
    spec.dnsPolicy ??= 'ClusterFirst';
    spec.restartPolicy ??= 'Always';
    spec.serviceAccountName ??= 'default';
    spec.enableServiceLinks ??= true;
    pod.metadata.uid = this.uid(pod);
    const node = spec.nodeName
      ? SIM_NODES.find((n) => n.name === spec.nodeName)
      : this.schedule(pod);
    if (!node) {
      spec.nodeName = undefined;
      pod.status = {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
      };
      this.put(pod);
      return;
    }
    spec.nodeName = node.name;
    const ip = spec.hostNetwork ? node.ip : this.allocatePodIp(node);
    pod.status = {
      phase: 'Running',
      hostIP: node.ip,
      hostIPs: [{ ip: node.ip }],
      podIP: ip,
      podIPs: [{ ip }],
      qosClass: 'BestEffort',
      startTime: new Date(Date.UTC(2026, 10, 23, 9, 0, this.sequence)).toISOString(),
      conditions: [
        'PodReadyToStartContainers',
        'Initialized',
        'Ready',
        'ContainersReady',
        'PodScheduled',
      ].map((type) => ({ type, status: 'True' })),
      containerStatuses: (spec.containers ?? []).map((c: Obj) => ({
        name: c.name,
        image: c.image,
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: '2026-11-23T09:00:00Z' } },
      })),
    };
    this.put(pod);
  }

  private schedule(pod: Obj): (typeof SIM_NODES)[number] | undefined {
    const spec = pod.spec;
    const candidates = SIM_NODES.filter((node) => {
      if (!tolerates(spec, node.role)) return false;
      if (!selectsNode(spec, node)) return false;
      const onNode = this.list('Pod').filter((p) => p.spec.nodeName === node.name);
      const antiTerms: Obj[] =
        spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
      if (antiTerms.some((t) => onNode.some((p) => termSelects(t, p, pod)))) return false;
      const affinityTerms: Obj[] =
        spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
      if (!affinityTerms.every((t) => onNode.some((p) => termSelects(t, p, pod)))) return false;
      return true;
    });
    const load = (name: string) =>
      this.list('Pod').filter(
        (p) => p.spec.nodeName === name && p.metadata.namespace !== 'kube-system',
      ).length;
    return [...candidates].sort(
      (a, b) => load(a.name) - load(b.name) || a.name.localeCompare(b.name),
    )[0];
  }

  /** host-local IPAM: the next address of the node's /24 after the last one handed out (never .1). */
  private allocatePodIp(node: (typeof SIM_NODES)[number]): string {
    const next = this.nextHost.get(node.name) ?? 2;
    this.nextHost.set(node.name, next + 1);
    return node.cidr.replace(/\.0\/24$/, `.${next}`);
  }

  // --- services --------------------------------------------------------------------------------

  private applyService(object: Obj, existing: Obj | undefined): void {
    const spec = (object.spec ??= {});
    spec.type ??= 'ClusterIP';
    if (spec.clusterIP !== 'None') {
      spec.clusterIP ??= existing?.spec.clusterIP ?? this.allocateServiceIp(object);
    }
    spec.clusterIPs = [spec.clusterIP];
    spec.ipFamilies = ['IPv4'];
    spec.ipFamilyPolicy = 'SingleStack';
    spec.internalTrafficPolicy ??= 'Cluster';
    spec.sessionAffinity ??= 'None';
    const external = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
    if (external) spec.externalTrafficPolicy ??= 'Cluster';
    else delete spec.externalTrafficPolicy;
    spec.ports = (spec.ports ?? []).map((p: Obj, index: number) => {
      const old = existing?.spec.ports?.find(
        (o: Obj) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'),
      );
      return {
        ...p,
        protocol: p.protocol ?? 'TCP',
        targetPort: p.targetPort ?? p.port,
        ...(external
          ? { nodePort: p.nodePort ?? old?.nodePort ?? this.allocateNodePort(object, index) }
          : {}),
      };
    });
    if (!external) spec.ports.forEach((p: Obj) => delete p.nodePort);
    this.put(object);
  }

  private allocateServiceIp(service: Obj): string {
    const used = new Set(this.list('Service').map((s) => s.spec.clusterIP));
    for (let attempt = 0; ; attempt++) {
      const digest = createHash('sha256')
        .update(`${service.metadata.namespace}/${service.metadata.name}/${attempt}`)
        .digest();
      const ip = `10.96.${digest[0] ?? 0}.${((digest[1] ?? 0) % 253) + 2}`;
      if (!used.has(ip) && ip !== '10.96.0.10') return ip;
    }
  }

  private allocateNodePort(service: Obj, index: number): number {
    const used = new Set(
      this.list('Service').flatMap((s) => (s.spec.ports ?? []).map((p: Obj) => p.nodePort)),
    );
    const digest = createHash('sha256')
      .update(`${service.metadata.namespace}/${service.metadata.name}/${index}`)
      .digest();
    let port = 30000 + ((digest.readUInt16BE(0) ?? 0) % 2768);
    while (used.has(port)) port++;
    return port;
  }

  private slicesOf(service: Obj): Obj[] {
    return this.list('EndpointSlice', service.metadata.namespace).filter(
      (s) => s.metadata.labels?.['kubernetes.io/service-name'] === service.metadata.name,
    );
  }

  /** The EndpointSlice controller: one slice per selector-backed service, ready pods as endpoints. */
  private syncEndpoints(): void {
    for (const service of this.list('Service')) {
      const selector = service.spec.selector as Record<string, string> | undefined;
      if (!selector) continue;
      const pods = this.list('Pod', service.metadata.namespace).filter(
        (p) =>
          p.status?.podIP &&
          Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v),
      );
      const name = `${service.metadata.name}-${hash(`${service.metadata.namespace}/${service.metadata.name}`, 5)}`;
      this.put({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name,
          namespace: service.metadata.namespace,
          labels: {
            'kubernetes.io/service-name': service.metadata.name,
            'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
          },
          ownerReferences: [
            { apiVersion: 'v1', kind: 'Service', name: service.metadata.name, controller: true },
          ],
        },
        addressType: 'IPv4',
        endpoints: pods.map((p) => ({
          addresses: [p.status.podIP],
          conditions: { ready: true, serving: true, terminating: false },
          nodeName: p.spec.nodeName,
          targetRef: {
            kind: 'Pod',
            name: p.metadata.name,
            namespace: p.metadata.namespace,
            uid: p.metadata.uid,
          },
        })),
        ports: (service.spec.ports ?? []).map((port: Obj) => ({
          ...(port.name ? { name: port.name } : { name: '' }),
          protocol: port.protocol,
          port: resolveTargetPort(port, pods[0]),
        })),
      });
    }
  }

  // --- kube-system -----------------------------------------------------------------------------

  private bootstrapSystem(): void {
    const controlPlane = SIM_NODES[0];
    const staticPod = (component: string, command: string[]) =>
      this.createPod({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${component}-${controlPlane.name}`,
          namespace: 'kube-system',
          labels: { component, tier: 'control-plane' },
        },
        spec: {
          nodeName: controlPlane.name,
          hostNetwork: true,
          containers: [{ name: component, image: `registry.k8s.io/${component}:v1.33.1`, command }],
        },
      });
    staticPod('etcd', ['etcd', '--advertise-client-urls=https://172.18.0.2:2379']);
    staticPod('kube-apiserver', [
      'kube-apiserver',
      '--advertise-address=172.18.0.2',
      '--secure-port=6443',
      '--service-cluster-ip-range=10.96.0.0/16',
    ]);
    staticPod('kube-controller-manager', [
      'kube-controller-manager',
      '--allocate-node-cidrs=true',
      '--cluster-cidr=10.244.0.0/16',
      '--service-cluster-ip-range=10.96.0.0/16',
    ]);
    staticPod('kube-scheduler', ['kube-scheduler', '--bind-address=127.0.0.1']);
    const everywhere = [{ operator: 'Exists' }];
    this.apply(
      daemonSet(
        'kube-proxy',
        { 'k8s-app': 'kube-proxy' },
        'registry.k8s.io/kube-proxy:v1.33.1',
        everywhere,
      ),
    );
    this.apply(
      daemonSet(
        'kindnet',
        { app: 'kindnet', 'k8s-app': 'kindnet' },
        'docker.io/kindest/kindnetd:v20250512-df8de77b',
        everywhere,
      ),
    );
    this.apply({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'coredns', namespace: 'kube-system' },
      data: { Corefile: COREFILE },
    });
    this.apply({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-dns' } },
          spec: {
            nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
            tolerations: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
            containers: [
              {
                name: 'coredns',
                image: 'registry.k8s.io/coredns/coredns:v1.12.0',
                ports: [
                  { name: 'dns', containerPort: 53, protocol: 'UDP' },
                  { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
                  { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
                ],
              },
            ],
          },
        },
      },
    });
    this.apply({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/name': 'CoreDNS' },
      },
      spec: {
        clusterIP: '10.96.0.10',
        selector: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
      },
    });
    this.apply({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      spec: {
        clusterIP: '10.96.0.1',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      },
    });
    this.put({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { 'kubernetes.io/service-name': 'kubernetes' },
      },
      addressType: 'IPv4',
      endpoints: [
        {
          addresses: [controlPlane.ip],
          conditions: { ready: true, serving: true, terminating: false },
        },
      ],
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    });
  }

  // --- helpers ---------------------------------------------------------------------------------

  private put(object: Obj): void {
    const existing = this.objects.get(keyOfObject(object));
    object.metadata.creationTimestamp =
      existing?.metadata.creationTimestamp ??
      object.metadata.creationTimestamp ??
      this.now().toISOString().replace('.000Z', 'Z');
    this.objects.set(keyOfObject(object), object);
  }

  private uid(object: Obj): string {
    return createHash('sha256')
      .update(
        `${object.kind}/${object.metadata.namespace}/${object.metadata.name}/${this.sequence++}`,
      )
      .digest('hex')
      .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, '$1-$2-$3-$4-$5');
  }

  private suffix(): string {
    return hash(`suffix-${this.sequence++}`, 5);
  }

  private templateHash(workload: Obj): string {
    return hash(JSON.stringify(workload.spec?.template ?? {}), 10);
  }
}

function daemonSet(
  name: string,
  labels: Record<string, string>,
  image: string,
  tolerations: Obj[],
): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'kube-system', labels },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { hostNetwork: true, tolerations, containers: [{ name, image }] },
      },
    },
  };
}

function tolerates(spec: Obj, role: string): boolean {
  if (role !== 'control-plane') return true;
  return (spec.tolerations ?? []).some(
    (t: Obj) =>
      (t.operator === 'Exists' && !t.key) || t.key === 'node-role.kubernetes.io/control-plane',
  );
}

/** The pod's nodeSelector and required node affinity admit the node. */
function selectsNode(spec: Obj, node: (typeof SIM_NODES)[number]): boolean {
  const labels = (nodeObject(node).metadata as { labels: Record<string, string> }).labels;
  if (spec.nodeSelector && !Object.entries(spec.nodeSelector).every(([k, v]) => labels[k] === v))
    return false;
  const terms =
    spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return !terms || terms.some((t: Obj) => matchesExpressions(t.matchExpressions ?? [], labels));
}

/** Label selector semantics as the NetworkPolicy evaluator implements them (one implementation). */
function matchesExpressions(expressions: Obj[], labels: Record<string, string>): boolean {
  const unknown = expressions.find(
    (e) => !['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator),
  );
  if (unknown) throw new Error(`SimCluster: operator ${String(unknown.operator)} is not simulated`);
  return matchesSelector(
    { matchLabels: {}, matchExpressions: expressions as LabelSelector['matchExpressions'] },
    labels,
  );
}

/** A pod (anti-)affinity term on `kubernetes.io/hostname`: does it select `other`? */
function termSelects(term: Obj, other: Obj, pod: Obj): boolean {
  if (term.topologyKey !== 'kubernetes.io/hostname') {
    throw new Error(`SimCluster: topologyKey ${String(term.topologyKey)} is not simulated`);
  }
  const namespaces: string[] = term.namespaces ?? [pod.metadata.namespace];
  if (!namespaces.includes(other.metadata.namespace)) return false;
  const labels = other.metadata.labels ?? {};
  const selector = term.labelSelector ?? {};
  const byLabels = matchesSelector(
    { matchLabels: selector.matchLabels ?? {}, matchExpressions: [] },
    labels,
  );
  return byLabels && matchesExpressions(selector.matchExpressions ?? [], labels);
}

function resolveTargetPort(port: Obj, pod: Obj | undefined): number {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  const named = (pod?.spec.containers ?? [])
    .flatMap((c: Obj) => c.ports ?? [])
    .find((p: Obj) => p.name === target);
  return named?.containerPort ?? port.port;
}

function mergePatch(target: Obj, patch: Obj): Obj {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete target[key];
    else if (
      typeof value === 'object' &&
      !Array.isArray(value) &&
      typeof target[key] === 'object' &&
      target[key] !== null &&
      !Array.isArray(target[key])
    ) {
      target[key] = mergePatch(target[key], value as Obj);
    } else target[key] = value;
  }
  return target;
}

function hash(text: string, length: number): string {
  const digest = createHash('sha256').update(text).digest();
  return [...digest.subarray(0, length)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

function keyOf(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

function keyOfObject(object: Obj): string {
  return keyOf(object.kind, object.metadata.namespace, object.metadata.name);
}
