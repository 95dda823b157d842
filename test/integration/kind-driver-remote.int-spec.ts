import fs from 'node:fs';
import path from 'node:path';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import Docker from 'dockerode';
import { parse } from 'yaml';
import { DriverError } from '../../src/clusters/environment-driver.js';
import { KindDriver } from '../../src/clusters/kind/kind.driver.js';
import { SystemClock } from '../../src/common/adapters/clock.js';
import { AppConfigService } from '../../src/config/app-config.js';
import { parseConfig } from '../../src/config/config.schema.js';
import { clusterSchema } from '../../src/labs/schema/lab.schema.js';
import { describeWithDocker } from '../support/describe-with-docker.js';
import { FakeKind, type FakeKindCall } from '../support/fake-kind/fake-kind.js';
import { fillKindOutput } from '../support/fake-kind/kind-output.js';
import { tempDir } from '../support/temp-dir.js';
import { ensureBusyboxImage } from '../support/test-images.js';
import { TlsDockerProxy } from '../support/tls-docker-proxy.js';
import { removeStandInClusters } from '../support/stand-in-kind-leftovers.js';

const LOCAL = 'unix:///var/run/docker.sock';
const IMAGE = 'kindest/node:v1.33.1';
/** Where the remote engine's host publishes ports, as configured with `address=`. */
const REMOTE_ADDRESS = '192.0.2.10';
/** The server's own TLS variables: they belong to no configured engine and must not reach kind. */
const SERVER_TLS = { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/etc/kubelab/server-own-certs' };

/**
 * kind against a remote engine, reached over tcp:// with TLS (the local engine behind a TLS
 * proxy), through the stand-in kind: its environment, its config, and the Docker calls it and
 * the driver make there.
 */
describeWithDocker('KindDriver on a remote engine through a stand-in kind', () => {
  const docker = new Docker();
  const prefix = `kl-tr${Date.now().toString(36)}`;
  let count = 0;
  const newName = () => `${prefix}-${count++}`;
  let tmp: ReturnType<typeof tempDir>;
  let kind: FakeKind;
  let proxy: TlsDockerProxy;
  let driver: KindDriver;
  let busybox: string;
  const saved = { ...process.env };

  const driverWith = (nodeImage: string) =>
    new KindDriver(
      new AppConfigService(
        parseConfig({
          KUBELAB_KIND_BIN: kind.bin,
          KUBELAB_DOCKER_HOSTS: [
            `local=${LOCAL}?capacity=1`,
            `remote=${proxy.endpoint}?capacity=2&tls=${proxy.certDir}&address=${REMOTE_ADDRESS}`,
          ].join(' '),
          KUBELAB_CLUSTER_DIR: path.join(tmp.dir, 'clusters'),
          KUBELAB_KIND_NODE_IMAGE: nodeImage,
          KUBELAB_KIND_WAIT_SECONDS: '180',
        }),
      ),
      new SystemClock(),
    );
  const spec = (name: string, dockerEndpoint: string) => ({
    name,
    cluster: clusterSchema.parse({ workers: 1 }),
    dockerEndpoint,
  });
  const dockerEnv = (call: FakeKindCall) => ({
    DOCKER_HOST: call.env.DOCKER_HOST,
    DOCKER_TLS_VERIFY: call.env.DOCKER_TLS_VERIFY,
    DOCKER_CERT_PATH: call.env.DOCKER_CERT_PATH,
  });
  const nameTaken = (name: string) => ({
    create: { stderr: fillKindOutput('nameTaken', { name, image: IMAGE }), exitCode: 1 },
  });

  beforeAll(async () => {
    busybox = await ensureBusyboxImage(docker);
    tmp = tempDir();
    kind = new FakeKind(tmp.dir);
    proxy = await TlsDockerProxy.start(tmp.dir);
    Object.assign(process.env, SERVER_TLS);
    driver = driverWith(IMAGE);
  }, 60_000);

  beforeEach(() => {
    kind.reset();
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    for (const key of Object.keys(SERVER_TLS)) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    await removeStandInClusters(docker, prefix);
    await proxy.stop();
    tmp.cleanup();
  });

  it('creates and deletes with the engine’s DOCKER_HOST and TLS folder, the API server on its address', async () => {
    const name = newName();
    kind.play({
      create: { stderr: fillKindOutput('success', { name, image: IMAGE }), nodeImage: busybox },
    });

    const handle = await driver.create(spec(name, proxy.endpoint));

    const [create] = kind.callsOf('create cluster');
    expect(create.argv.slice(0, 6)).toEqual(['create', 'cluster', '--name', name, '--config', '-']);
    expect(dockerEnv(create)).toEqual({
      DOCKER_HOST: proxy.endpoint,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: proxy.certDir,
    });
    expect(create.env.KIND_EXPERIMENTAL_DOCKER_NETWORK).toBe(name);
    expect(parse(create.stdin)).toMatchObject({
      networking: { apiServerAddress: REMOTE_ADDRESS, apiServerPort: -1 },
    });
    // The stand-in's `docker run` went through the TLS engine, and the driver reads it there too.
    expect((await handle.nodes()).map((n) => n.name)).toEqual([
      `${name}-control-plane`,
      `${name}-worker`,
    ]);

    await driver.destroy(name, proxy.endpoint);

    const [remove] = kind.callsOf('delete cluster');
    expect(remove.argv).toEqual([
      'delete',
      'cluster',
      '--name',
      name,
      '--kubeconfig',
      path.join(tmp.dir, 'clusters', `${name}.kubeconfig`),
    ]);
    expect(dockerEnv(remove)).toEqual(dockerEnv(create));
    expect(await driver.list(proxy.endpoint)).toEqual([]);
  }, 60_000);

  it('gives kind on the local engine none of the server’s TLS variables and kind’s loopback', async () => {
    const name = newName();
    kind.play(nameTaken(name));

    await expect(driver.create(spec(name, LOCAL))).rejects.toThrow(DriverError);

    const [create] = kind.callsOf('create cluster');
    expect(dockerEnv(create)).toEqual({
      DOCKER_HOST: LOCAL,
      DOCKER_TLS_VERIFY: undefined,
      DOCKER_CERT_PATH: undefined,
    });
    const { networking } = parse(create.stdin) as { networking: object };
    expect(networking).toMatchObject({ apiServerAddress: '127.0.0.1' });
    expect(networking).not.toHaveProperty('apiServerPort');
  });

  it('keeps the server’s TLS variables for an endpoint no configured engine has', async () => {
    const name = newName();
    kind.play(nameTaken(name));
    const retired = 'tcp://127.0.0.1:1';

    await expect(driver.create(spec(name, retired))).rejects.toThrow(DriverError);

    const [create] = kind.callsOf('create cluster');
    expect(dockerEnv(create)).toEqual({ DOCKER_HOST: retired, ...SERVER_TLS });
    expect(parse(create.stdin)).toMatchObject({
      networking: { apiServerAddress: '127.0.0.1', apiServerPort: -1 },
    });
  });

  it('reads inotify limits and free disk on the remote engine’s host, in a container there', async () => {
    const report = await driverWith(busybox).preflight(proxy.endpoint);

    const byId = Object.fromEntries(report.items.map((i) => [i.id, i]));
    // The stand-in remote engine is this machine's Docker: the same kernel, so the same limits.
    const local = (key: string) => fs.readFileSync(`/proc/sys/fs/inotify/${key}`, 'utf8').trim();
    expect(byId['inotify-max_user_watches']).toMatchObject({
      label: 'fs.inotify.max_user_watches ≥ 524288 on the host of engine remote',
      found: local('max_user_watches'),
    });
    expect(byId['inotify-max_user_instances']).toMatchObject({
      found: local('max_user_instances'),
    });
    expect(byId.disk.found).toMatch(/^\d+\.\d GiB free for Docker on engine remote$/);
    const probes = await docker.listContainers({
      all: true,
      filters: { label: ['kubelab.probe=engine-host'] },
    });
    expect(probes).toEqual([]);
  }, 60_000);

  it('says "not checked" when the node image to probe with is not on the remote engine', async () => {
    const report = await driverWith('kubelab/no-such-node:v0').preflight(proxy.endpoint);

    const hostItems = report.items.filter((i) => i.id.startsWith('inotify') || i.id === 'disk');
    expect(hostItems.map((i) => [i.id, i.ok, i.found])).toEqual([
      [
        'inotify-limits',
        false,
        'not checked: node image kubelab/no-such-node:v0 is not on the engine',
      ],
      ['disk', false, 'not checked: node image kubelab/no-such-node:v0 is not on the engine'],
    ]);
  });
});
