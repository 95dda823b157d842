import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { parse, stringify } from 'yaml';
import type { EnvironmentHandle } from '../../src/clusters/environment-handle.js';
import { LAB_TEST_PREFIX } from '../../src/clusters/kind/kind-cluster-name.js';
import { KindDriver } from '../../src/clusters/kind/kind.driver.js';
import { SystemClock } from '../../src/common/adapters/clock.js';
import { AppConfigService } from '../../src/config/app-config.js';
import { parseConfig } from '../../src/config/config.schema.js';
import { KubeClients } from '../../src/kube/kube-clients.js';
import { loadLabs } from '../../src/labs/lab-loader.js';
import type { Lab } from '../../src/labs/lab.types.js';
import { LearnerAccessService } from '../../src/sessions/access/learner-access.service.js';
import { LabSetupService } from '../../src/sessions/lab-setup.service.js';
import { parseNodeCommand } from '../../src/labs/modes/node-command.js';
import { findNode } from '../../src/node-views/node-names.js';
import { KIND_BIN, missingForRealKind, NODE_IMAGE } from '../support/real-kind.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * The learner's rights of shared mode on a real kind cluster: lab 02's setup plus the `access` its
 * lab.yaml declares, then the learner's kubeconfig against the real API server (RBAC and Pod
 * Security admission).
 * Needs kind (KUBELAB_KIND_BIN) and a node image on the Docker engine (KUBELAB_KIND_NODE_IMAGE,
 * e.g. from scripts/kind-offline/build.sh); where either is missing it is reported as skipped.
 * CI does not build the image, so it is skipped there. On a shared host run it under
 * `flock /tmp/kubelab-real-kind.lock`.
 */
const ENDPOINT = 'unix:///var/run/docker.sock';
const AGNHOST = 'registry.k8s.io/e2e-test-images/agnhost:2.53';

const missing = await missingForRealKind();
if (missing) console.warn(`real-kind learner access test skipped: ${missing}`);
const describeOnRealKind = missing ? describe.skip : describe;

/** What a lab's setup makes for the learner to use, not to make: a hostNetwork pod. */
const LAB_HOST = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'lab-host' } },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'extern', namespace: 'lab-host' },
    spec: {
      hostNetwork: true,
      terminationGracePeriodSeconds: 0,
      containers: [{ name: 'agnhost', image: AGNHOST, args: ['pause'] }],
    },
  },
];

function pod(name: string, spec: Record<string, unknown> = {}, container = {}): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'lab' },
    spec: {
      terminationGracePeriodSeconds: 0,
      ...spec,
      containers: [{ name: 'agnhost', image: AGNHOST, args: ['pause'], ...container }],
    },
  });
}

describeOnRealKind('the learner of lab 02 on a real kind cluster', () => {
  const tmp = tempDir('kubelab-real-kind-access-');
  const name = `${LAB_TEST_PREFIX}acc-${randomBytes(3).toString('hex')}`;
  let driver: KindDriver;
  let handle: EnvironmentHandle;
  let kubectlBin: string;
  let learnerConfig: string;

  /** kubectl as the learner, from the host; never throws. */
  const learner = (args: string[], stdin?: string) =>
    execa(kubectlBin, ['--kubeconfig', learnerConfig, ...args], {
      reject: false,
      ...(stdin === undefined ? {} : { input: stdin }),
    });
  /** `auth can-i` reads `nodes/proxy` as the node named proxy: subresources go in --subresource. */
  const canI = async (...args: string[]) => (await learner(['auth', 'can-i', ...args])).stdout;

  beforeAll(async () => {
    const config = new AppConfigService(
      parseConfig({
        KUBELAB_KIND_BIN: KIND_BIN,
        KUBELAB_KIND_NODE_IMAGE: NODE_IMAGE,
        KUBELAB_DOCKER_HOST: ENDPOINT,
        KUBELAB_CLUSTER_DIR: path.join(tmp.dir, 'clusters'),
      }),
    );
    const labs = loadLabs(path.resolve('labs')).labs;
    const nat = labs.find((lab) => lab.id === '02-nat');
    if (!nat?.access) throw new Error('lab 02-nat with its access not found');
    // The access lab 02 declares; one worker is enough for what is proved here.
    const lab: Lab = { ...nat, cluster: { ...nat.cluster, workers: 1 } };
    driver = new KindDriver(config, new SystemClock());
    handle = await driver.create({ name, cluster: lab.cluster, dockerEndpoint: ENDPOINT });
    const kube = new KubeClients();
    const setup = new LabSetupService(kube, config);
    await setup.apply(lab, handle);
    const admin = kube.applier(await handle.kubeConfig());
    for (const object of LAB_HOST) await admin.apply(object);
    await setup.awaitReady(lab, handle, LAB_HOST);
    const kubeconfig = await new LearnerAccessService(kube, config).grant(lab, handle);

    // From the host the API server is where the admin kubeconfig points, not <cluster>-control-plane.
    const adminConfig = parse(await handle.kubeConfig()) as {
      clusters: { cluster: { server: string } }[];
    };
    const doc = parse(kubeconfig) as { clusters: { cluster: { server: string } }[] };
    expect(doc.clusters[0]?.cluster.server).toBe(`https://${name}-control-plane:6443`);
    doc.clusters[0].cluster.server = adminConfig.clusters[0].cluster.server;
    learnerConfig = path.join(tmp.dir, 'learner.kubeconfig');
    fs.writeFileSync(learnerConfig, stringify(doc), { mode: 0o600 });
    kubectlBin = path.join(tmp.dir, 'kubectl');
    await execa('docker', ['cp', `${name}-control-plane:/usr/bin/kubectl`, kubectlBin]);
  }, 600_000);

  afterAll(async () => {
    await driver?.destroy(name, ENDPOINT);
    tmp.cleanup();
  }, 180_000);

  it('is the ServiceAccount kubelab-learner/lernender', async () => {
    const whoami = await learner(['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}']);
    expect(whoami.stdout).toBe('system:serviceaccount:kubelab-learner:lernender');
  });

  describe('cannot', () => {
    it('exec into a kube-system pod', async () => {
      expect(await canI('create', 'pods', '--subresource=exec', '-n', 'kube-system')).toBe('no');
      const coredns = await execa(kubectlBin, [
        '--kubeconfig',
        learnerConfig,
        '-n',
        'kube-system',
        'get',
        'pods',
        '-l',
        'k8s-app=kube-dns',
        '-o',
        'jsonpath={.items[0].metadata.name}',
      ]);
      expect(coredns.stdout).toMatch(/^coredns-/);
      const exec = await learner(['-n', 'kube-system', 'exec', coredns.stdout, '--', 'true']);
      expect(exec.exitCode).not.toBe(0);
      expect(exec.stderr).toMatch(/forbidden/i);
    });

    it.each([
      [
        'privileged',
        pod('privilegiert', {}, { securityContext: { privileged: true } }),
        /privileged/,
      ],
      ['hostNetwork', pod('hostnetz', { hostNetwork: true }), /host namespaces/],
      [
        'hostPath',
        pod(
          'hostpfad',
          { volumes: [{ name: 'root', hostPath: { path: '/' } }] },
          {
            volumeMounts: [{ name: 'root', mountPath: '/host' }],
          },
        ),
        /hostPath volumes/,
      ],
    ])('create a %s pod in lab (Pod Security baseline)', async (_kind, manifest, reason) => {
      const created = await learner(['apply', '-f', '-'], manifest);
      expect(created.exitCode).not.toBe(0);
      expect(created.stderr).toMatch(/violates PodSecurity "baseline:latest"/);
      expect(created.stderr).toMatch(reason);
    });

    it.each(['lab', 'kube-system', 'kubelab-learner', 'default'])(
      'read secrets in %s',
      async (namespace) => {
        expect(await canI('get', 'secrets', '-n', namespace)).toBe('no');
        expect(await canI('list', 'secrets', '-n', namespace)).toBe('no');
        const listed = await learner(['-n', namespace, 'get', 'secrets']);
        expect(listed.stderr).toMatch(/forbidden/i);
      },
    );

    it('read its own token Secret', async () => {
      const got = await learner(['-n', 'kubelab-learner', 'get', 'secret', 'lernender-token']);
      expect(got.exitCode).not.toBe(0);
      expect(got.stderr).toMatch(/forbidden/i);
    });

    it('get nodes/proxy', async () => {
      expect(await canI('get', 'nodes', '--subresource=proxy')).toBe('no');
      const node = `${name}-control-plane`;
      const proxied = await learner(['get', '--raw', `/api/v1/nodes/${node}/proxy/configz`]);
      expect(proxied.exitCode).not.toBe(0);
      expect(proxied.stderr).toMatch(/forbidden/i);
    });

    it('create pods in kube-system', async () => {
      expect(await canI('create', 'pods', '-n', 'kube-system')).toBe('no');
      const created = await learner(
        ['apply', '-f', '-'],
        pod('eindringling').replace('namespace: lab', 'namespace: kube-system'),
      );
      expect(created.stderr).toMatch(/forbidden/i);
    });

    it('grant itself more (roles, bindings, tokens, impersonation)', async () => {
      expect(await canI('create', 'rolebindings', '-n', 'lab')).toBe('no');
      expect(await canI('create', 'clusterrolebindings')).toBe('no');
      expect(
        await canI('create', 'serviceaccounts', '--subresource=token', '-n', 'kubelab-learner'),
      ).toBe('no');
      expect(await canI('impersonate', 'users')).toBe('no');
      expect(await canI('create', 'pods', '-n', 'kube-system', '--as', 'system:admin')).not.toBe(
        'yes',
      );
    });
  });

  describe('can', () => {
    it('create a plain pod in lab and exec into it', async () => {
      expect(await canI('create', 'pods', '-n', 'lab')).toBe('yes');
      const created = await learner(['apply', '-f', '-'], pod('mein-pod'));
      expect(created.stderr).toBe('');
      expect(created.exitCode).toBe(0);
      const ready = await learner([
        '-n',
        'lab',
        'wait',
        '--for=condition=Ready',
        'pod/mein-pod',
        '--timeout=120s',
      ]);
      expect(ready.exitCode).toBe(0);
      expect(await canI('create', 'pods', '--subresource=exec', '-n', 'lab')).toBe('yes');
      const exec = await learner(['-n', 'lab', 'exec', 'mein-pod', '--', 'cat', '/etc/hostname']);
      expect(exec.stdout.trim()).toBe('mein-pod');
    }, 180_000);

    it('list nodes and read kube-system services', async () => {
      const nodes = await learner(['get', 'nodes', '-o', 'name']);
      expect(nodes.stdout.split('\n').sort()).toEqual([
        `node/${name}-control-plane`,
        `node/${name}-worker`,
      ]);
      const dns = await learner(['-n', 'kube-system', 'get', 'service', 'kube-dns', '-o', 'name']);
      expect(dns.stdout).toBe('service/kube-dns');
    });

    it('exec into the lab-made pod of lab-host, but not make or delete pods there', async () => {
      const exec = await learner([
        '-n',
        'lab-host',
        'exec',
        'extern',
        '--',
        'cat',
        '/etc/hostname',
      ]);
      expect(exec.stdout.trim()).toMatch(new RegExp(`^${name}-(control-plane|worker)$`));
      expect(await canI('create', 'pods', '-n', 'lab-host')).toBe('no');
      expect(await canI('delete', 'pods', '-n', 'lab-host')).toBe('no');
      const created = await learner(
        ['apply', '-f', '-'],
        pod('zweiter').replace('namespace: lab', 'namespace: lab-host'),
      );
      expect(created.stderr).toMatch(/forbidden/i);
    });

    it('scale the lab deployment and read its endpoint slices', async () => {
      const scaled = await learner(['-n', 'lab', 'scale', 'deployment', 'web', '--replicas=2']);
      expect(scaled.exitCode).toBe(0);
      const slices = await learner([
        '-n',
        'lab',
        'get',
        'endpointslices',
        '-l',
        'kubernetes.io/service-name=web',
        '-o',
        'name',
      ]);
      expect(slices.stdout).toMatch(/^endpointslice\.discovery\.k8s\.io\/web-/);
    });
  });

  /**
   * Every form of knoten's allow-list, as a learner types it, runs on the real node image (the
   * binaries and files exist there) the way NodeViewsService runs it: parsed, then as an argv.
   */
  describe('knoten on the real nodes', () => {
    const knoten = async (line: string) => {
      const command = parseNodeCommand(line.split(' '));
      if (!command.ok) throw new Error(`refused: ${command.message}`);
      const node = findNode(await handle.nodes(), handle.name, command.node);
      if (!node) throw new Error(`no node ${command.node}`);
      return handle.execInNode(node.name, command.argv, { timeoutMs: 20_000 });
    };

    it.each([
      ['worker iptables-save', /^\*filter$/m],
      ['worker iptables-save -t nat', /^:KUBE-SERVICES /m],
      ['control-plane iptables-save -c -t mangle', /^\*mangle$/m],
      ['worker iptables-save -t raw', /^\*raw$/m],
      ['worker ip route', /^10\.244\.0\.0\/24 via /m],
      ['worker ip -j route show', /"dst":"10\.244\.0\.0\/24"/],
      ['worker ip -4 addr show dev eth0', /inet \d+\.\d+\.\d+\.\d+\//],
      ['worker ip -br link', /^eth0@if\d+\s+UP/m],
      ['worker ip neigh show', /(dev eth0|^$)/m],
      ['worker ip route get 10.244.0.1', /^10\.244\.0\.1 via /m],
      ['worker conntrack -L', /(flow entries have been shown|^$)/m],
      ['worker conntrack -L -p tcp --dport 6443', /(flow entries have been shown|^$)/m],
      ['worker cat /etc/resolv.conf', /nameserver /],
      ['worker ls /etc/cni/net.d', /10-kindnet\.conflist/],
      ['worker cat /etc/cni/net.d/10-kindnet.conflist', /"type": ?"ptp"/],
      ['worker cat /var/lib/kubelet/config.yaml', /clusterDNS:/],
      ['worker cat /var/lib/kubelet/kubeadm-flags.env', /KUBELET_KUBEADM_ARGS/],
      [
        'control-plane cat /etc/kubernetes/manifests/kube-apiserver.yaml',
        /--service-cluster-ip-range=/,
      ],
      [
        'control-plane cat /etc/kubernetes/manifests/kube-controller-manager.yaml',
        /--cluster-cidr=/,
      ],
      ['worker sysctl net.ipv4.ip_forward', /net\.ipv4\.ip_forward = 1/],
    ])('%s', async (line, shows) => {
      const result = await knoten(line);
      expect(result).toMatchObject({ exitCode: 0, timedOut: false });
      expect(result.stdout + result.stderr).toMatch(shows);
    });
  });
});
