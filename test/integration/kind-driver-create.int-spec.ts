import fs from 'node:fs';
import path from 'node:path';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import Docker from 'dockerode';
import { parse } from 'yaml';
import { DriverError, type ProvisionProgress } from '../../src/clusters/environment-driver.js';
import { kindConfig, kindConfigYaml } from '../../src/clusters/kind/kind-config.js';
import { KindDriver } from '../../src/clusters/kind/kind.driver.js';
import { SystemClock } from '../../src/common/adapters/clock.js';
import { AppConfigService } from '../../src/config/app-config.js';
import { parseConfig } from '../../src/config/config.schema.js';
import { clusterSchema } from '../../src/labs/schema/lab.schema.js';
import { describeWithDocker } from '../support/describe-with-docker.js';
import { FakeKind } from '../support/fake-kind/fake-kind.js';
import {
  fillKindOutput,
  SUCCESS_PROGRESS,
  type KindOutputName,
} from '../support/fake-kind/kind-output.js';
import { tempDir } from '../support/temp-dir.js';
import { ensureBusyboxImage } from '../support/test-images.js';
import { removeStandInClusters } from '../support/stand-in-kind-leftovers.js';

const ENDPOINT = 'unix:///var/run/docker.sock';
const IMAGE = 'kindest/node:v1.33.1';
/** All kind may see of the server's environment, plus the two variables the driver sets. */
const ALLOWED_ENV = [
  'PATH',
  'HOME',
  'TMPDIR',
  'DOCKER_CONFIG',
  'DOCKER_TLS_VERIFY',
  'DOCKER_CERT_PATH',
  'SSH_AUTH_SOCK',
  'DOCKER_HOST',
  'KIND_EXPERIMENTAL_DOCKER_NETWORK',
];

describeWithDocker('KindDriver.create through a stand-in kind', () => {
  const docker = new Docker();
  const prefix = `kl-tc${Date.now().toString(36)}`;
  let count = 0;
  const newName = () => `${prefix}-${count++}`;
  let tmp: ReturnType<typeof tempDir>;
  let kind: FakeKind;
  let driver: KindDriver;
  let busybox: string;
  let clusterDir: string;
  let warn: jest.SpiedFunction<Logger['warn']>;

  const kubeconfigOf = (name: string) => path.join(clusterDir, `${name}.kubeconfig`);
  const spec = (name: string, block: object = {}) => ({
    name,
    cluster: clusterSchema.parse(block),
    dockerEndpoint: ENDPOINT,
  });
  const networks = async (name: string) =>
    (await docker.listNetworks({ filters: { name: [name] } })).filter((n) => n.Name === name);
  const warnings = () => warn.mock.calls.map((c) => String(c[0]));

  beforeAll(async () => {
    busybox = await ensureBusyboxImage(docker);
    tmp = tempDir();
    clusterDir = path.join(tmp.dir, 'clusters');
    kind = new FakeKind(tmp.dir);
    process.env.KUBELAB_TEST_SECRET = 'must-not-reach-kind';
    const config = parseConfig({
      KUBELAB_KIND_BIN: kind.bin,
      KUBELAB_DOCKER_HOST: ENDPOINT,
      KUBELAB_CLUSTER_DIR: clusterDir,
      KUBELAB_KIND_NODE_IMAGE: IMAGE,
      KUBELAB_KIND_WAIT_SECONDS: '180',
    });
    driver = new KindDriver(new AppConfigService(config), new SystemClock());
  }, 60_000);

  beforeEach(() => {
    kind.reset();
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => warn.mockRestore());

  afterAll(async () => {
    delete process.env.KUBELAB_TEST_SECRET;
    await removeStandInClusters(docker, prefix);
    tmp.cleanup();
  });

  it('runs kind with the exact argv, the config on stdin and a minimal environment', async () => {
    const name = newName();
    kind.play({
      create: {
        stderr: fillKindOutput('success', { name, image: IMAGE, kubeconfig: kubeconfigOf(name) }),
        nodeImage: busybox,
      },
    });
    const progress: ProvisionProgress[] = [];

    const handle = await driver.create(spec(name), (p) => progress.push(p));

    const [call, ...more] = kind.callsOf('create cluster');
    expect(more).toEqual([]);
    expect(call.argv).toEqual([
      'create',
      'cluster',
      '--name',
      name,
      '--config',
      '-',
      '--kubeconfig',
      kubeconfigOf(name),
      '--wait',
      '180s',
    ]);
    expect(call.env).toMatchObject({
      DOCKER_HOST: ENDPOINT,
      KIND_EXPERIMENTAL_DOCKER_NETWORK: name,
    });
    expect(call.env.PATH).toBe(process.env.PATH);
    expect(Object.keys(call.env).filter((k) => !ALLOWED_ENV.includes(k))).toEqual([]);
    expect(call.stdin).toBe(kindConfigYaml(kindConfig(clusterSchema.parse({}), IMAGE)));
    expect(parse(call.stdin)).toMatchObject({
      kind: 'Cluster',
      networking: { apiServerAddress: '127.0.0.1', podSubnet: '10.244.0.0/16' },
      nodes: [{ role: 'control-plane', image: IMAGE }, { role: 'worker' }, { role: 'worker' }],
    });

    expect(progress).toEqual(SUCCESS_PROGRESS);
    expect((await handle.nodes()).map((n) => [n.name, n.role])).toEqual([
      [`${name}-control-plane`, 'control-plane'],
      [`${name}-worker`, 'worker'],
      [`${name}-worker2`, 'worker'],
    ]);
    expect(await handle.kubeConfig()).toContain(`current-context: kind-${name}`);
    expect(warnings()).toEqual([]);
    expect(kind.callsOf('delete cluster')).toEqual([]);

    await driver.destroy(name, ENDPOINT);
  }, 60_000);

  it('never lets a server variable through to kind', async () => {
    const name = newName();
    kind.play({
      create: { stderr: fillKindOutput('nameTaken', { name, image: IMAGE }), exitCode: 1 },
    });
    await expect(driver.create(spec(name))).rejects.toThrow(DriverError);
    const [call] = kind.callsOf('create cluster');
    expect(process.env.KUBELAB_TEST_SECRET).toBe('must-not-reach-kind');
    expect(call.env.KUBELAB_TEST_SECRET).toBeUndefined();
    expect(JSON.stringify(call.env)).not.toContain('must-not-reach-kind');
  });

  it.each<[KindOutputName, { makeNetwork?: boolean }, string]>([
    [
      'imagePull',
      {},
      'Das Knoten-Image kindest/node:v1.33.1 konnte nicht geladen werden. Bitte gib der Kursleitung Bescheid.',
    ],
    [
      'portInUse',
      { makeNetwork: true },
      'Ein Port, den dein Cluster braucht, ist auf dem Server gerade belegt. Bitte versuche es in ein paar Minuten noch einmal.',
    ],
    [
      'kubeadmInit',
      { makeNetwork: true },
      'Dein Cluster konnte nicht erstellt werden. Bitte versuche es in ein paar Minuten noch einmal.',
    ],
  ])(
    'on %s says so in German, keeps kind’s stderr and removes what was made',
    async (output, extra, learnerMessage) => {
      const name = newName();
      const stderr = fillKindOutput(output, { name, image: IMAGE });
      kind.play({ create: { stderr, exitCode: 1, ...extra } });

      const error = (await driver.create(spec(name)).catch((e: unknown) => e)) as DriverError;

      expect(error).toBeInstanceOf(DriverError);
      expect(error.learnerMessage).toBe(learnerMessage);
      expect(error.detail).toBe(stderr.trimEnd().split('\n').slice(-40).join('\n'));
      expect(kind.callsOf('delete cluster').map((c) => c.argv)).toEqual([
        ['delete', 'cluster', '--name', name, '--kubeconfig', kubeconfigOf(name)],
      ]);
      expect(await networks(name)).toEqual([]);
      expect(fs.existsSync(kubeconfigOf(name))).toBe(false);
    },
    30_000,
  );

  it('leaves an existing cluster of the same name alone', async () => {
    const name = newName();
    kind.play({
      create: { stderr: fillKindOutput('nameTaken', { name, image: IMAGE }), exitCode: 1 },
    });

    const error = (await driver.create(spec(name)).catch((e: unknown) => e)) as DriverError;

    expect(error.learnerMessage).toBe(
      'Auf dem Server gibt es schon einen Cluster mit dem Namen deiner Sitzung. Bitte versuche es in ein paar Minuten noch einmal.',
    );
    expect(error.detail).toContain(`node(s) already exist for a cluster with the name "${name}"`);
    expect(kind.callsOf('delete cluster')).toEqual([]);
  });

  it('warns when kind put the nodes on a shared network instead of their own', async () => {
    const name = newName();
    kind.play({
      create: {
        stderr: fillKindOutput('success', { name, image: IMAGE }),
        nodeImage: busybox,
        network: `${name}-shared`,
      },
    });

    await driver.create(spec(name, { workers: 0 }));

    expect(warnings()).toEqual([
      expect.stringMatching(
        new RegExp(
          `${name}: nodes are not on their own Docker network "${name}" \\(${name}-control-plane: ${name}-shared\\).*KIND_EXPERIMENTAL_DOCKER_NETWORK`,
        ),
      ),
    ]);
    await driver.destroy(name, ENDPOINT);
  }, 30_000);

  it('warns when kind gave up waiting for Ready but exited 0', async () => {
    const name = newName();
    const stderr = fillKindOutput('success', { name, image: IMAGE }).replace(
      / ✓ Waiting ≤ 3m0s for control-plane = Ready ⏳\n • Ready after \d+s 💚/,
      ' ✗ Waiting ≤ 3m0s for control-plane = Ready ⏳\n • WARNING: Timed out waiting for Ready ⚠️',
    );
    kind.play({ create: { stderr, nodeImage: busybox } });

    await driver.create(spec(name, { workers: 0 }));

    expect(warnings()).toEqual([
      `${name}: kind gave up waiting 180s for the control plane to be Ready`,
    ]);
    await driver.destroy(name, ENDPOINT);
  }, 30_000);

  it('says in German when kind itself is missing', async () => {
    const config = parseConfig({
      KUBELAB_KIND_BIN: path.join(tmp.dir, 'no-such-kind'),
      KUBELAB_CLUSTER_DIR: clusterDir,
    });
    const missing = new KindDriver(new AppConfigService(config), new SystemClock());
    await expect(missing.create(spec(newName()))).rejects.toMatchObject({
      learnerMessage: expect.stringContaining('fehlt das Programm kind'),
    });
  });

  it('refuses a name that is not kubelab’s before running anything', async () => {
    await expect(driver.create(spec('kind'))).rejects.toThrow('Refusing to touch cluster "kind"');
    expect(kind.calls()).toEqual([]);
  });
});
