import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Docker from 'dockerode';
import { execa } from 'execa';
import { execInContainer } from '../../src/clusters/docker/docker-exec.js';
import { ENTER_WORLD, worldContainerSpec } from '../../src/clusters/container/container-world.js';
import { poll } from '../../src/common/poll.js';
import { describeWithSecondEngine } from '../support/describe-with-second-engine.js';
import {
  ENGINE_IMAGE,
  removeLeftoverEngines,
  SecondEngine,
} from '../../src/bench/second-engine/second-engine.js';
import {
  ENGINE_LABEL,
  ENGINE_OWNER_LABEL,
  ENGINE_PREFIX,
  ENGINE_TLS_DIR_LABEL,
} from '../../src/bench/second-engine/second-engine-resources.js';
import { tempDir } from '../support/temp-dir.js';
import { ensureNetlabImage } from '../support/test-images.js';

/**
 * The second engine of the multi-engine tests (test/support/second-engine.ts): a real dockerd
 * in a privileged container, reached over TCP with TLS. Proves what those tests rely on: TLS
 * with client certificates is required, lab 00's world runs in it, and stop/start, pause and
 * remove do what they say.
 */
describeWithSecondEngine('a second Docker engine (test harness)', () => {
  const host = new Docker();
  const name = `int-${Date.now().toString(36)}`;
  let engine: SecondEngine;
  let netlab: string;

  beforeAll(async () => {
    netlab = await ensureNetlabImage(host);
    engine = await SecondEngine.start({ name, host });
    await engine.loadImage(netlab);
  }, 180_000);

  afterAll(async () => {
    await engine?.remove();
  });

  it('answers over TLS with the client certificate, on its own address', async () => {
    expect(engine.endpoint).toBe(`tcp://${engine.address}:2376`);
    const info = (await engine.docker.info()) as { ID: string };
    const hostInfo = (await host.info()) as { ID: string };
    expect(info.ID).not.toBe(hostInfo.ID);
  });

  it('serves the docker CLI through DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', async () => {
    const { stdout } = await execa('docker', ['info', '--format', '{{.ID}}'], { env: engine.env });
    expect(stdout).toBe(((await engine.docker.info()) as { ID: string }).ID);
  });

  it('refuses a client without a client certificate and plain HTTP', async () => {
    const ca = fs.readFileSync(path.join(engine.certPath, 'ca.pem'));
    const withoutCert = new Docker({ host: engine.address, port: 2376, protocol: 'https', ca });
    await expect(withoutCert.ping()).rejects.toThrow(/bad certificate|certificate required/);
    const plain = new Docker({ host: engine.address, port: 2376, protocol: 'http' });
    await expect(plain.ping()).rejects.toThrow(/HTTP request to an HTTPS server/);
    await expect(engine.docker.ping()).resolves.toBeDefined();
  });

  it("runs lab 00's world from the loaded image and execs in it", async () => {
    const settings = { image: netlab, memoryMb: 256, pidsLimit: 256 };
    const spec = worldContainerSpec(`world-${name}`, settings, {}, {});
    const container = await engine.docker.createContainer(spec);
    await container.start();
    const exec = () =>
      execInContainer(engine.docker, container.id, [ENTER_WORLD, 'ip', '-br', 'addr']);
    const result = await poll(exec, (r) => r.exitCode === 0, { intervalMs: 100, attempts: 100 });
    expect(result.stdout).toMatch(/^lo\s+UNKNOWN\s+127\.0\.0\.1\/8/m);
    await expect(host.getContainer(`world-${name}`).inspect()).rejects.toThrow(
      /no such container/i,
    );
    await container.remove({ force: true });
  });

  it('gives its containers the unified cgroup hierarchy where this host has one beside cgroup v1 (kind’s kubelet needs it)', async () => {
    const hostMounts = fs.readFileSync('/proc/mounts', 'utf8');
    const hybrid =
      hostMounts.includes(' /sys/fs/cgroup/systemd cgroup ') &&
      hostMounts.includes(' /sys/fs/cgroup/unified cgroup2 ');
    const engineMounts = await execInContainer(host, engine.containerName, ['cat', '/proc/mounts']);
    expect(engineMounts.stdout.includes(' /sys/fs/cgroup/unified cgroup2 ')).toBe(hybrid);
  });

  it('fails calls while stopped and comes back with its images after start()', async () => {
    const kept = await engine.docker.createContainer({
      name: `kept-${name}`,
      Image: netlab,
      Cmd: ['sleep', '600'],
    });
    await kept.start();
    await engine.stop();
    await expect(engine.client(2000).ping()).rejects.toThrow();
    await engine.start();
    await expect(engine.docker.getImage(netlab).inspect()).resolves.toBeDefined();
    const state = await engine.docker
      .getContainer(`kept-${name}`)
      .inspect()
      .then((c) => c.State);
    expect(state.Running).toBe(false);
  });

  it('hangs while paused (a client timeout ends the call) and answers after unpause()', async () => {
    await engine.pause();
    let pending: Promise<unknown> | undefined;
    try {
      // docker-modem ends a request that passed its timeout by destroying it: "socket hang up".
      await expect(engine.client(500).ping()).rejects.toThrow(/socket hang up/);
      pending = engine.docker.ping();
      const stillWaiting = new Promise((resolve) => setTimeout(() => resolve('waiting'), 1000));
      expect(await Promise.race([pending, stillWaiting])).toBe('waiting');
    } finally {
      await engine.unpause();
    }
    await expect(pending).resolves.toBeDefined();
  });

  it("removes the leftovers of a dead process and keeps a running process's engine", async () => {
    const crashed = `${ENGINE_PREFIX}${name}-crashed`;
    const { dir } = tempDir(ENGINE_PREFIX);
    const labels = {
      [ENGINE_LABEL]: `${name}-crashed`,
      [ENGINE_OWNER_LABEL]: String(spawnSync('true').pid),
      [ENGINE_TLS_DIR_LABEL]: dir,
    };
    await host.createNetwork({ Name: crashed, Labels: labels });
    await host.createVolume({ Name: crashed, Labels: labels });
    await host.createContainer({ name: crashed, Image: ENGINE_IMAGE, Labels: labels });
    await removeLeftoverEngines(host);
    const filters = { label: [`${ENGINE_LABEL}=${name}-crashed`] };
    expect(await host.listContainers({ all: true, filters })).toEqual([]);
    expect((await host.listVolumes({ filters })).Volumes ?? []).toEqual([]);
    expect(await host.listNetworks({ filters })).toEqual([]);
    expect(fs.existsSync(dir)).toBe(false);
    await expect(engine.docker.ping()).resolves.toBeDefined();
  });

  it('leaves no container, volume, network or certificate after remove()', async () => {
    const other = await SecondEngine.start({ name: `${name}-gone`, host });
    await other.remove();
    const filters = { label: [`${ENGINE_LABEL}=${name}-gone`] };
    expect(await host.listContainers({ all: true, filters })).toEqual([]);
    expect((await host.listVolumes({ filters })).Volumes ?? []).toEqual([]);
    expect(await host.listNetworks({ filters })).toEqual([]);
    expect(fs.existsSync(path.dirname(other.certPath))).toBe(false);
  });
});
