import path from 'node:path';
import { dockerTarget } from '../../src/clusters/docker/docker-endpoint.js';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import Docker from 'dockerode';
import { DriverError } from '../../src/clusters/environment-driver.js';
import type { EnvironmentHandle, ShellStream } from '../../src/clusters/environment-handle.js';
import { KindToolboxes } from '../../src/clusters/kind/kind-toolbox.js';
import { KindDriver } from '../../src/clusters/kind/kind.driver.js';
import {
  probeToolboxImage,
  TOOLBOX_KUBECTL_LABEL,
} from '../../src/clusters/preflight/toolbox-image.probe.js';
import { SystemClock } from '../../src/common/adapters/clock.js';
import { AppConfigService } from '../../src/config/app-config.js';
import { parseConfig } from '../../src/config/config.schema.js';
import { clusterSchema } from '../../src/labs/schema/lab.schema.js';
import { installShellIntegration, terminalNonce } from '../../src/terminal/shell-integration.js';
import { describeWithDocker } from '../support/describe-with-docker.js';
import { FakeKind } from '../support/fake-kind/fake-kind.js';
import { fillKindOutput } from '../support/fake-kind/kind-output.js';
import { tempDir } from '../support/temp-dir.js';
import { ensureBusyboxImage, ensureToolboxImage } from '../support/test-images.js';

const ENDPOINT = 'unix:///var/run/docker.sock';
const KIND_LABEL = 'io.x-k8s.kind.cluster';
const TOOLBOX_LABEL = 'dev.kubelab.toolbox';

/**
 * Shared mode's toolbox next to a cluster that the stand-in kind makes of busybox nodes on a
 * network named like it: the real driver starts, reaches, lists and removes the toolbox.
 */
describeWithDocker(
  'KindDriver: the toolbox in shared mode (real Docker engine, stand-in kind)',
  () => {
    const docker = new Docker();
    const stamp = Date.now().toString(36);
    const instance = `tb-${stamp}`;
    const prefix = `kl-tb${stamp}`;
    const name = `${prefix}-a`;
    let tmp: ReturnType<typeof tempDir>;
    let kind: FakeKind;
    let busybox: string;
    let toolboxImage: string;
    let handle: EnvironmentHandle;
    const shells: ShellStream[] = [];

    const driver = (env: Record<string, string> = {}) =>
      new KindDriver(
        new AppConfigService(
          parseConfig({
            KUBELAB_KIND_BIN: kind.bin,
            KUBELAB_DOCKER_HOST: ENDPOINT,
            KUBELAB_CLUSTER_DIR: path.join(tmp.dir, 'clusters'),
            KUBELAB_KIND_NODE_IMAGE: busybox,
            KUBELAB_MODE: 'shared',
            KUBELAB_INSTANCE: instance,
            ...env,
          }),
        ),
        new SystemClock(),
      );
    const create = (cluster: string, env: Record<string, string> = {}) => {
      const stderr = fillKindOutput('success', { name: cluster, image: busybox });
      kind.play({ create: { stderr, nodeImage: busybox } });
      return driver(env).create({
        name: cluster,
        cluster: clusterSchema.parse({ workers: 0 }),
        dockerEndpoint: ENDPOINT,
      });
    };
    const inspectToolbox = (cluster: string) => docker.getContainer(`${cluster}-toolbox`).inspect();
    const toolboxExists = (cluster: string) =>
      inspectToolbox(cluster).then(
        () => true,
        () => false,
      );
    const networkExists = async (network: string) =>
      (await docker.listNetworks({ filters: { name: [network] } })).some((n) => n.Name === network);
    const listed = async () =>
      (await driver().list(ENDPOINT))
        .filter((c) => c.name.startsWith(prefix))
        .map((c) => [c.name, c.nodes, c.running]);

    beforeAll(async () => {
      busybox = await ensureBusyboxImage(docker);
      toolboxImage = await ensureToolboxImage(docker);
      tmp = tempDir();
      kind = new FakeKind(tmp.dir);
      process.env.KUBELAB_TEST_SECRET = 'must-not-reach-a-shell';
      handle = await create(name);
    }, 300_000);

    afterAll(async () => {
      delete process.env.KUBELAB_TEST_SECRET;
      await Promise.all(shells.map((s) => s.close()));
      const left = [
        ...(await docker.listContainers({ all: true, filters: { label: [KIND_LABEL] } })),
        ...(await docker.listContainers({ all: true, filters: { label: [TOOLBOX_LABEL] } })),
      ].filter((c) => (c.Labels[KIND_LABEL] ?? c.Labels[TOOLBOX_LABEL])?.startsWith(prefix));
      await Promise.all(left.map((c) => docker.getContainer(c.Id).remove({ force: true })));
      for (const n of await docker.listNetworks())
        if (n.Name.startsWith(prefix)) await docker.getNetwork(n.Id).remove();
      tmp?.cleanup();
    }, 60_000);

    it('starts the toolbox on the cluster’s network, holding no privilege of the host', async () => {
      const toolbox = await inspectToolbox(name);
      expect(toolbox.State.Running).toBe(true);
      expect(Object.keys(toolbox.NetworkSettings.Networks)).toEqual([name]);
      expect(toolbox.Config.Image).toBe(toolboxImage);
      expect(toolbox.Config.User).toBe('1000:1000');
      expect(toolbox.Config.Labels).toMatchObject({
        'dev.kubelab.managed': 'true',
        'dev.kubelab.instance': instance,
        [TOOLBOX_LABEL]: name,
      });
      expect(toolbox.Config.Labels[KIND_LABEL]).toBeUndefined();
      expect(toolbox.HostConfig).toMatchObject({
        Privileged: false,
        CapDrop: ['ALL'],
        SecurityOpt: ['no-new-privileges'],
        ReadonlyRootfs: true,
        Memory: 256 * 1024 * 1024,
        PidsLimit: 256,
      });
      expect(toolbox.HostConfig.CapAdd ?? null).toBeNull();
      expect(toolbox.HostConfig.Binds ?? null).toBeNull();
      expect(toolbox.Mounts).toEqual([]);
      expect(Object.keys(toolbox.HostConfig.Tmpfs ?? {}).sort()).toEqual([
        '/home/lernender',
        '/run/kubelab',
        '/tmp',
      ]);
    });

    it('runs the learner’s commands there as uid 1000, and node commands in the nodes', async () => {
      expect(handle.unprivilegedShellNode).toBe('toolbox');
      expect(handle.toolbox?.container).toBe(`${name}-toolbox`);
      expect((await handle.nodes()).map((n) => n.name)).toEqual([`${name}-control-plane`]);
      expect((await handle.execInNode('toolbox', ['id', '-u'])).stdout).toBe('1000\n');
      expect((await handle.toolbox!.exec(['sh', '-c', 'echo "$HOME $KUBECONFIG"'])).stdout).toBe(
        '/home/lernender /home/lernender/.kube/config\n',
      );
      expect((await handle.execInNode('control-plane', ['id', '-u'])).stdout).toBe('0\n');
    });

    it('keeps the image read-only: writing /usr/local/bin/x fails', async () => {
      const write = await handle.execInNode('toolbox', ['sh', '-c', 'echo x > /usr/local/bin/x']);
      expect(write.exitCode).not.toBe(0);
      expect(
        (await handle.execInNode('toolbox', ['test', '-e', '/usr/local/bin/x'])).exitCode,
      ).toBe(1);
    });

    it('writes files for the learner (0600, theirs) below their home and /run/kubelab only', async () => {
      const toolbox = handle.toolbox!;
      await toolbox.writeFile('/home/lernender/.kube/config', 'apiVersion: v1\n');
      await toolbox.writeFile('/run/kubelab/knoten-token', 'geheim');
      const files = await toolbox.exec([
        'sh',
        '-c',
        'stat -c "%a %u %n" /home/lernender/.kube/config /run/kubelab/knoten-token; cat /home/lernender/.kube/config',
      ]);
      expect(files.stdout).toBe(
        '600 1000 /home/lernender/.kube/config\n600 1000 /run/kubelab/knoten-token\napiVersion: v1\n',
      );
      for (const outside of ['/etc/kubelab', '/home/lernender/../../etc/kubelab', '/tmp/x'])
        await expect(toolbox.writeFile(outside, 'x')).rejects.toThrow(/Refusing to write/);
    });

    it('names the server as the toolbox reaches it: the gateway of the cluster’s network, or the URL configured for its engine', async () => {
      const network = (await docker.getNetwork(name).inspect()) as {
        IPAM: { Config: { Gateway?: string }[] };
      };
      const gateway = network.IPAM.Config.map((c) => c.Gateway).find((g) => g?.includes('.'));
      expect(gateway).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      await expect(handle.toolbox!.serverUrl(3000)).resolves.toBe(`http://${gateway}:3000`);
      const configured = await driver({
        KUBELAB_TOOLBOX_SERVER_URL: 'https://kubelab.example:8443/',
      }).handle(name, ENDPOINT);
      await expect(configured.toolbox!.serverUrl(3000)).resolves.toBe(
        'https://kubelab.example:8443',
      );
      const perEngine = driver({
        KUBELAB_TOOLBOX_SERVER_URL: 'https://kubelab.example:8443/',
        KUBELAB_DOCKER_HOSTS: `a=${ENDPOINT}?capacity=2&server=http://10.0.0.1:3000 b=tcp://10.0.0.2:2376?capacity=2`,
      });
      await expect((await perEngine.handle(name, ENDPOINT)).toolbox!.serverUrl(3000)).resolves.toBe(
        'http://10.0.0.1:3000',
      );
    });

    it('opens the terminal’s login shell there: `$` prompt, the learner’s kubeconfig, nothing of the server', async () => {
      const shell = await handle.openShell({ node: 'toolbox' }, { cols: 100, rows: 30 });
      shells.push(shell);
      let output = '';
      shell.stream.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      const waitFor = async (pattern: RegExp) => {
        for (let i = 0; i < 100 && !pattern.test(output); i++)
          await new Promise((r) => setTimeout(r, 50));
        expect(output).toMatch(pattern);
      };
      await waitFor(new RegExp(`${name}:toolbox \\$ `));
      shell.stream.write('echo "[$(id -u)|$TERM|$KUBECONFIG|${KUBELAB_TEST_SECRET:-none}]"\n');
      await waitFor(/\[1000\|xterm-256color\|\/home\/lernender\/\.kube\/config\|none\]/);
      shell.stream.write('exit 4\n');
      await expect(shell.exited).resolves.toBe(4);
    }, 30_000);

    it('takes the terminal’s shell integration as uid 1000 despite the read-only image', async () => {
      const label = `${name}:toolbox`;
      await expect(
        installShellIntegration(handle, 'toolbox', label, terminalNonce()),
      ).resolves.toBe(true);
      const hook = await handle.execInNode('toolbox', [
        'sh',
        '-c',
        'stat -c "%u %a" /run/kubelab/terminal-nonce; grep -c "kubelab browser terminal" /etc/profile.d/zz-kubelab-terminal.sh',
      ]);
      expect(hook.stdout).toBe('1000 600\n1\n');
    });

    it('counts a cluster whose toolbox stopped as not running, and as running again once it runs', async () => {
      const toolbox = docker.getContainer(`${name}-toolbox`);
      await toolbox.stop({ t: 0 });
      expect(await listed()).toEqual([[name, [`${name}-control-plane`], false]]);
      await toolbox.start();
      expect(await listed()).toEqual([[name, [`${name}-control-plane`], true]]);
    }, 30_000);

    it('lists an orphaned toolbox as a cluster of its own, which destroy removes with its network', async () => {
      const orphan = `${prefix}-orphan`;
      const foreign = `${prefix}-foreign`;
      const settings = { image: toolboxImage, memoryMb: 64, pidsLimit: 32, instance };
      for (const network of [orphan, foreign]) await docker.createNetwork({ Name: network });
      await new KindToolboxes(docker).start(orphan, settings);
      await new KindToolboxes(docker).start(foreign, { ...settings, instance: `${instance}x` });

      expect(await listed()).toEqual([
        [name, [`${name}-control-plane`], true],
        [orphan, [], false],
      ]);
      await driver().destroy(orphan, ENDPOINT);
      expect(await toolboxExists(orphan)).toBe(false);
      expect(await networkExists(orphan)).toBe(false);
      expect(await toolboxExists(foreign)).toBe(true);
    }, 30_000);

    it('destroy removes the toolbox, the nodes and then the network', async () => {
      await driver().destroy(name, ENDPOINT);
      expect(await toolboxExists(name)).toBe(false);
      expect(await listed()).toEqual([]);
      expect(await networkExists(name)).toBe(false);
    }, 30_000);

    it('in local mode starts no toolbox, and the handle has no shell for shared mode', async () => {
      const local = `${prefix}-local`;
      const made = await create(local, { KUBELAB_MODE: 'local' });
      try {
        expect(await toolboxExists(local)).toBe(false);
        expect(made.toolbox).toBeUndefined();
        expect(made.unprivilegedShellNode).toBeNull();
      } finally {
        await driver().destroy(local, ENDPOINT);
      }
    }, 30_000);

    it('fails the creation in German and leaves nothing behind when the toolbox cannot start', async () => {
      const broken = `${prefix}-broken`;
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      let error: unknown;
      try {
        error = await create(broken, {
          KUBELAB_TOOLBOX_IMAGE: `kubelab/no-such-toolbox:${stamp}`,
        }).catch((e: unknown) => e);
      } finally {
        warn.mockRestore();
      }
      expect(error).toBeInstanceOf(DriverError);
      expect((error as DriverError).learnerMessage).toBe(
        'Dein Terminal für diese Übung konnte nicht gestartet werden. Bitte gib der Kursleitung Bescheid.',
      );
      expect(await listed()).toEqual([]);
      expect(await networkExists(broken)).toBe(false);
    }, 30_000);

    it('offers shared mode’s kind labs only with a toolbox image that has kubectl (its label)', async () => {
      const labels = (await docker.getImage(toolboxImage).inspect()).Config.Labels ?? {};
      const item = await probeToolboxImage(dockerTarget(ENDPOINT), toolboxImage);
      expect(item.ok).toBe(labels[TOOLBOX_KUBECTL_LABEL] === 'present');
      expect(
        await probeToolboxImage(dockerTarget(ENDPOINT), `kubelab/no-such-toolbox:${stamp}`),
      ).toMatchObject({
        ok: false,
        found: 'missing',
      });
      const preflight = await driver().preflight();
      expect(preflight.items.find((i) => i.id === 'toolbox-image')).toEqual(item);
      const localPreflight = await driver({ KUBELAB_MODE: 'local' }).preflight();
      expect(localPreflight.items.map((i) => i.id)).not.toContain('toolbox-image');
    }, 60_000);
  },
);
