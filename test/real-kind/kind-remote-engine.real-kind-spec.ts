import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { parse } from 'yaml';
import type { EnvironmentHandle } from '../../src/clusters/environment-handle.js';
import { LAB_TEST_PREFIX } from '../../src/clusters/kind/kind-cluster-name.js';
import { KindDriver } from '../../src/clusters/kind/kind.driver.js';
import { SystemClock } from '../../src/common/adapters/clock.js';
import { AppConfigService } from '../../src/config/app-config.js';
import { parseConfig } from '../../src/config/config.schema.js';
import { clusterSchema } from '../../src/labs/schema/lab.schema.js';
import { KIND_BIN, missingForRealKind, NODE_IMAGE } from '../support/real-kind.js';
import { tempDir } from '../support/temp-dir.js';
import { TlsDockerProxy } from '../support/tls-docker-proxy.js';

/**
 * Real kind against an engine reached over tcp:// with TLS (this machine's Docker behind a TLS
 * proxy), its address an IP of this host other than the loopback: kind publishes the API server
 * there with a port Docker picks, and kubelab reaches the cluster through the kubeconfig kind
 * wrote, verifying the API server's certificate for that address.
 * Needs kind and the node image (see real-kind.ts); on a shared host run it under
 * `flock /tmp/kubelab-real-kind.lock`.
 */
const missing = await missingForRealKind();
/** An IPv4 address of this host that is not the loopback, where Docker can publish a port. */
const hostAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
const skip = missing ?? (hostAddress ? undefined : 'no IPv4 address besides the loopback');
if (skip) console.warn(`real-kind remote engine test skipped: ${skip}`);
const describeOnRealKind = skip ? describe.skip : describe;

describeOnRealKind('a real kind cluster on an engine reached over TLS', () => {
  const tmp = tempDir('kubelab-real-kind-remote-');
  const name = `${LAB_TEST_PREFIX}rem-${randomBytes(3).toString('hex')}`;
  let proxy: TlsDockerProxy;
  let driver: KindDriver;
  let handle: EnvironmentHandle;

  beforeAll(async () => {
    proxy = await TlsDockerProxy.start(tmp.dir);
    const config = new AppConfigService(
      parseConfig({
        KUBELAB_KIND_BIN: KIND_BIN,
        KUBELAB_KIND_NODE_IMAGE: NODE_IMAGE,
        KUBELAB_DOCKER_HOSTS: `remote=${proxy.endpoint}?capacity=1&tls=${proxy.certDir}&address=${hostAddress}`,
        KUBELAB_CLUSTER_DIR: path.join(tmp.dir, 'clusters'),
      }),
    );
    driver = new KindDriver(config, new SystemClock());
    handle = await driver.create({
      name,
      cluster: clusterSchema.parse({ workers: 0 }),
      dockerEndpoint: proxy.endpoint,
    });
  }, 600_000);

  afterAll(async () => {
    await driver?.destroy(name, proxy.endpoint);
    await proxy?.stop();
    tmp.cleanup();
  }, 180_000);

  it('points the kubeconfig at the engine’s address, on the port Docker published there', async () => {
    const server = (
      parse(await handle.kubeConfig()) as { clusters: { cluster: { server: string } }[] }
    ).clusters[0].cluster.server;
    const url = new URL(server);
    expect(url.hostname).toBe(hostAddress);
    expect(Number(url.port)).toBeGreaterThan(1023);
  });

  it('reaches the API server there with the admin kubeconfig, its certificate valid for the address', async () => {
    const kube = new KubeConfig();
    kube.loadFromString(await handle.kubeConfig());
    const nodes = await kube.makeApiClient(CoreV1Api).listNode();
    expect(nodes.items.map((n) => n.metadata?.name)).toEqual([`${name}-control-plane`]);
  });

  it('runs commands on the node through the engine and in a pod through the API server, as grading does', async () => {
    const node = await handle.execInNode(`${name}-control-plane`, ['cat', '/kind/version']);
    expect(node).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^v1\.\d+/) });

    const kube = new KubeConfig();
    kube.loadFromString(await handle.kubeConfig());
    const core = kube.makeApiClient(CoreV1Api);
    let pod: string | undefined;
    for (let i = 0; i < 120 && !pod; i++) {
      const pods = await core.listNamespacedPod({
        namespace: 'kube-system',
        labelSelector: 'k8s-app=kube-proxy',
      });
      pod = pods.items.find((p) => p.status?.phase === 'Running')?.metadata?.name;
      if (!pod) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(pod).toBeDefined();
    const result = await handle.execInPod('kube-system', pod!, undefined, [
      'sh',
      '-c',
      'echo hallo',
    ]);
    expect(result).toMatchObject({ exitCode: 0, stdout: 'hallo\n' });
  }, 180_000);
});
