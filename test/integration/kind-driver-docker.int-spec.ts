import fs from 'node:fs';
import path from 'node:path';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import Docker from 'dockerode';
import type { ShellStream } from '../../src/clusters/environment-handle.js';
import { KindDriver } from '../../src/clusters/kind/kind.driver.js';
import { SystemClock } from '../../src/common/adapters/clock.js';
import { AppConfigService } from '../../src/config/app-config.js';
import { parseConfig } from '../../src/config/config.schema.js';
import { describeWithDocker } from '../support/describe-with-docker.js';
import { FakeKind } from '../support/fake-kind/fake-kind.js';
import { tempDir } from '../support/temp-dir.js';
import { ensureBusyboxImage, ensureNetlabImage } from '../support/test-images.js';

const ENDPOINT = 'unix:///var/run/docker.sock';
const CLUSTER_LABEL = 'io.x-k8s.kind.cluster';
const ROLE_LABEL = 'io.x-k8s.kind.role';

/**
 * Containers labelled the way kind labels its nodes (kind-facts.yaml `docker_labels`), on a
 * network named like the cluster: what `kind create cluster` leaves, without kind.
 */
describeWithDocker('KindDriver against a real Docker engine', () => {
  const docker = new Docker();
  const stamp = Date.now().toString(36);
  const mine = `kl-td${stamp}`;
  const second = `kl-td${stamp}-b`;
  const bashy = `kl-td${stamp}-c`;
  const foreign = `lab-td${stamp}`;
  let tmp: ReturnType<typeof tempDir>;
  let kind: FakeKind;
  let driver: KindDriver;
  let clusterDir: string;

  const kubeconfigOf = (name: string) => path.join(clusterDir, `${name}.kubeconfig`);
  const containersOf = async (cluster: string) =>
    (
      await docker.listContainers({
        all: true,
        filters: { label: [`${CLUSTER_LABEL}=${cluster}`] },
      })
    ).map((c) => c.Names[0].slice(1));
  const networkExists = async (name: string) =>
    (await docker.listNetworks({ filters: { name: [name] } })).some((n) => n.Name === name);

  async function fakeCluster(cluster: string, roles: string[], image: string): Promise<void> {
    await docker.createNetwork({ Name: cluster, Driver: 'bridge' });
    for (const [i, role] of roles.entries()) {
      const name = `${cluster}-${role}${role === 'worker' && i > 1 ? i : ''}`;
      const container = await docker.createContainer({
        name,
        Hostname: name,
        Image: image,
        Cmd: ['sleep', '3600'],
        Labels: { [CLUSTER_LABEL]: cluster, [ROLE_LABEL]: role },
        HostConfig: { NetworkMode: cluster },
      });
      await container.start();
    }
    fs.writeFileSync(
      kubeconfigOf(cluster),
      `apiVersion: v1\nkind: Config\ncurrent-context: kind-${cluster}\n`,
    );
  }

  async function waitFor(shell: ShellStream, output: () => string, pattern: RegExp) {
    for (let i = 0; i < 100 && !pattern.test(output()); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(output()).toMatch(pattern);
  }

  beforeAll(async () => {
    const busybox = await ensureBusyboxImage(docker);
    const netlab = await ensureNetlabImage(docker);
    process.env.KUBELAB_TEST_SECRET = 'must-not-reach-a-shell';
    tmp = tempDir();
    clusterDir = path.join(tmp.dir, 'clusters');
    fs.mkdirSync(clusterDir);
    kind = new FakeKind(tmp.dir);
    driver = new KindDriver(
      new AppConfigService(
        parseConfig({
          KUBELAB_KIND_BIN: kind.bin,
          KUBELAB_DOCKER_HOST: ENDPOINT,
          KUBELAB_CLUSTER_DIR: clusterDir,
        }),
      ),
      new SystemClock(),
    );
    await fakeCluster(mine, ['control-plane', 'worker'], busybox);
    await fakeCluster(second, ['control-plane'], busybox);
    await fakeCluster(bashy, ['control-plane'], netlab);
    await fakeCluster(foreign, ['control-plane'], busybox);
  }, 180_000);

  beforeEach(() => kind.reset());

  afterAll(async () => {
    delete process.env.KUBELAB_TEST_SECRET;
    const containers = await docker.listContainers({
      all: true,
      filters: { label: [CLUSTER_LABEL] },
    });
    await Promise.all(
      containers
        .filter((c) => c.Labels[CLUSTER_LABEL]?.includes(`td${stamp}`))
        .map((c) => docker.getContainer(c.Id).remove({ force: true })),
    );
    for (const n of await docker.listNetworks())
      if (n.Name.includes(`td${stamp}`)) await docker.getNetwork(n.Id).remove();
    tmp.cleanup();
  });

  it('lists kubelab’s clusters with their nodes, and nothing without the kl- prefix', async () => {
    const clusters = (await driver.list(ENDPOINT)).filter((c) => c.name.includes(stamp));
    expect(clusters).toEqual([
      {
        name: mine,
        dockerEndpoint: ENDPOINT,
        nodes: [`${mine}-control-plane`, `${mine}-worker`],
        running: true,
      },
      { name: second, dockerEndpoint: ENDPOINT, nodes: [`${second}-control-plane`], running: true },
      { name: bashy, dockerEndpoint: ENDPOINT, nodes: [`${bashy}-control-plane`], running: true },
    ]);
  });

  it('finds the nodes and runs commands in them through the handle', async () => {
    const handle = await driver.handle(mine, ENDPOINT);
    expect((await handle.nodes()).map((n) => [n.name, n.role])).toEqual([
      [`${mine}-control-plane`, 'control-plane'],
      [`${mine}-worker`, 'worker'],
    ]);
    await expect(
      handle.execInNode('worker', ['sh', '-c', 'echo out; echo err >&2; exit 3']),
    ).resolves.toEqual({
      exitCode: 3,
      stdout: 'out\n',
      stderr: 'err\n',
      timedOut: false,
    });
    const result = await handle.execInNode(`${mine}-control-plane`, ['hostname']);
    expect(result.stdout).toBe(`${mine}-control-plane\n`);
  });

  it('reads the cluster’s kubeconfig file, and says in German when it is gone', async () => {
    await expect((await driver.handle(mine, ENDPOINT)).kubeConfig()).resolves.toContain(
      `kind-${mine}`,
    );
    const missing = await driver.handle('kl-nirgends', ENDPOINT);
    await expect(missing.kubeConfig()).rejects.toMatchObject({
      learnerMessage:
        'Die Zugangsdaten zu deinem Cluster fehlen auf dem Server. Bitte starte die Übung neu.',
    });
  });

  // busybox runs as root, the netlab image as its unprivileged user: `#` and `$`, as in any shell.
  it.each([
    ['sh (busybox, root)', () => mine, '#'],
    ['bash -l (Debian, whose bashrc sets its own PS1; not root)', () => bashy, '$'],
  ])(
    'opens a %s shell in a node with only the terminal environment and a cluster prompt',
    async (_shell, cluster, sign) => {
      const handle = await driver.handle(cluster(), ENDPOINT);
      const shell = await handle.openShell({ node: 'control-plane' }, { cols: 100, rows: 30 });
      let output = '';
      shell.stream.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      try {
        await waitFor(shell, () => output, new RegExp(`${cluster()}:control-plane \\${sign} `));
        shell.stream.write('echo "[$TERM|$LANG|$KUBECONFIG|${KUBELAB_TEST_SECRET:-none}]"\n');
        await waitFor(
          shell,
          () => output,
          /\[xterm-256color\|C\.UTF-8\|\/etc\/kubernetes\/admin\.conf\|none\]/,
        );
        shell.stream.write('exit 4\n');
        await expect(shell.exited).resolves.toBe(4);
      } finally {
        await shell.close();
      }
    },
    30_000,
  );

  it('has no shell that shared mode may hand out: kind nodes are privileged', async () => {
    const handle = await driver.handle(mine, ENDPOINT);
    expect(handle.unprivilegedShellNode).toBeNull();
  });

  it('lists a cluster whose node was stopped as not running, in the same one call', async () => {
    await docker.getContainer(`${bashy}-control-plane`).stop({ t: 0 });
    const running = (await driver.list(ENDPOINT))
      .filter((c) => c.name.includes(stamp))
      .map((c) => [c.name, c.running]);
    expect(running).toEqual([
      [mine, true],
      [second, true],
      [bashy, false],
    ]);
  }, 30_000);

  it('refuses to destroy anything without the kl- prefix, before running kind', async () => {
    for (const name of [foreign, 'kind', `../${mine}`])
      await expect(driver.destroy(name, ENDPOINT)).rejects.toThrow('Refusing to touch cluster');
    expect(kind.calls()).toEqual([]);
    expect(await containersOf(foreign)).toEqual([`${foreign}-control-plane`]);
  });

  it('destroys through kind delete, then removes the network and the kubeconfig, and nothing else', async () => {
    await driver.destroy(mine, ENDPOINT);

    expect(kind.callsOf('delete cluster').map((c) => c.argv)).toEqual([
      ['delete', 'cluster', '--name', mine, '--kubeconfig', kubeconfigOf(mine)],
    ]);
    expect(kind.callsOf('delete cluster')[0].env.DOCKER_HOST).toBe(ENDPOINT);
    expect(await containersOf(mine)).toEqual([]);
    expect(await networkExists(mine)).toBe(false);
    expect(fs.existsSync(kubeconfigOf(mine))).toBe(false);

    expect(await containersOf(second)).toEqual([`${second}-control-plane`]);
    expect(await containersOf(foreign)).toEqual([`${foreign}-control-plane`]);
    expect(await networkExists(second)).toBe(true);
    expect(await networkExists(foreign)).toBe(true);
    expect(fs.existsSync(kubeconfigOf(second))).toBe(true);
  }, 30_000);

  it('is idempotent: destroying a cluster that is gone is fine', async () => {
    await expect(driver.destroy(mine, ENDPOINT)).resolves.toBeUndefined();
    expect(kind.callsOf('delete cluster')).toHaveLength(1);
  });

  it('removes the nodes itself when kind delete fails', async () => {
    kind.play({ delete: { exitCode: 1 } });
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    let warnings: string[];
    try {
      await driver.destroy(second, ENDPOINT);
    } finally {
      warnings = warn.mock.calls.map((c) => String(c[0]));
      warn.mockRestore();
    }
    expect(warnings[0]).toContain(
      `kind delete cluster ${second} failed, removing its nodes directly`,
    );
    expect(await containersOf(second)).toEqual([]);
    expect(await networkExists(second)).toBe(false);
    expect(fs.existsSync(kubeconfigOf(second))).toBe(false);
    expect((await driver.list(ENDPOINT)).map((c) => c.name)).not.toContain(second);
  }, 30_000);
});
