import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Docker from 'dockerode';
import { parse } from 'yaml';
import { SecondEngine } from '../../src/bench/second-engine/second-engine.js';
import { poll } from '../../src/common/poll.js';
import { KIND_CLUSTER_LABEL, kubeconfigPath } from '../../src/clusters/kind/kind-cluster-name.js';
import { missingForSecondEngine } from '../support/describe-with-second-engine.js';
import { KIND_BIN, missingForRealKind, NODE_IMAGE } from '../support/real-kind.js';
import { tempDir } from '../support/temp-dir.js';
import { createTestApp, type TestContext, type TestLearner } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';
import { TerminalTestClient } from '../support/ws-client.js';

/**
 * Lab 01 through kubelab on a separate, real dockerd (SecondEngine: a privileged container
 * running its own engine, reached over TCP with TLS at an address of its own) and on nothing
 * else: the only engine kubelab knows is that one, so placement must put the kind cluster there.
 * The learner's terminal is a shell on a node in that engine, and „Prüfen“ reads the nodes
 * through the API server kind published at the engine's address.
 * Needs kind and the node image (see real-kind.ts) and the engine image (see
 * describe-with-second-engine.ts); CI builds no node image, so it is skipped there. On a shared
 * host run it under `flock /tmp/kubelab-real-kind.lock`.
 */
const missing = (await missingForRealKind()) ?? (await missingForSecondEngine());
if (missing) console.warn(`real-kind second engine test skipped: ${missing}`);
const describeOnRealKind = missing ? describe.skip : describe;

const LAB = '01-ip-adressierung';
const READY_TIMEOUT = 10 * 60_000;
/** The prompt of the root shell on a kind node. */
const PROMPT = /#\s*$/;

describeOnRealKind('lab 01 on a real kind cluster in a second, separate Docker engine', () => {
  const host = new Docker();
  const tmp = tempDir('kubelab-real-kind-second-');
  let engine: SecondEngine;
  let ctx: TestContext;
  let url: string;
  let learner: TestLearner;
  let sessionId: string;
  let cluster: string;
  let terminal: TerminalTestClient | undefined;

  const nodeContainers = (docker: Docker) =>
    docker
      .listContainers({ all: true, filters: { label: [`${KIND_CLUSTER_LABEL}=${cluster}`] } })
      .then((containers) => containers.map((c) => c.Names[0].replace(/^\//, '')).sort());

  beforeAll(async () => {
    engine = await SecondEngine.start({ name: `kind-${Date.now().toString(36)}`, host });
    await engine.loadImage(NODE_IMAGE);
    ctx = await createTestApp({
      env: {
        KUBELAB_LABS_DIR: path.resolve('labs'),
        KUBELAB_ENVIRONMENTS: 'kind',
        KUBELAB_DOCKER_HOSTS: `fern=${engine.endpoint}?capacity=1&tls=${engine.certPath}`,
        KUBELAB_KIND_BIN: KIND_BIN,
        KUBELAB_KIND_NODE_IMAGE: NODE_IMAGE,
        KUBELAB_CLUSTER_DIR: path.join(tmp.dir, 'clusters'),
      },
    });
    await ctx.app.listen(0, '127.0.0.1');
    const { port } = ctx.app.getHttpServer().address() as AddressInfo;
    url = `ws://127.0.0.1:${port}/ws/terminal`;
  }, 300_000);

  afterAll(async () => {
    terminal?.close();
    await ctx?.close();
    await engine?.remove();
    tmp.cleanup();
  }, 300_000);

  it(
    'places the cluster on the second engine only, where it becomes ready',
    async () => {
      learner = await ctx.newLearner('Fern Lernend');
      const session = await ctx.newSession(learner, LAB);
      sessionId = session.id;
      cluster = session.cluster!.name;
      const row = await ctx.prisma.cluster.findUniqueOrThrow({ where: { name: cluster } });
      // The cluster's error names the cause when it is not ready.
      expect({ status: session.status, error: row.error }).toEqual({
        status: 'ready',
        error: null,
      });
      expect(row.dockerEndpoint).toBe(engine.endpoint);
      expect(await nodeContainers(engine.docker)).toEqual([
        `${cluster}-control-plane`,
        `${cluster}-worker`,
        `${cluster}-worker2`,
      ]);
      expect(await nodeContainers(host)).toEqual([]);
    },
    READY_TIMEOUT,
  );

  it('runs the terminal on a node there and passes „Prüfen“ against its API server', async () => {
    terminal = await TerminalTestClient.connect(url, {
      origin: url.replace('ws:', 'http:').replace('/ws/terminal', ''),
    });
    await terminal.open({ token: learner.token, sessionId });
    await terminal.waitForText(PROMPT, 60_000);
    const shell = terminal;
    const run = async (line: string) => {
      const before = shell.text().length;
      shell.type(`${line}\r`);
      await waitFor(() => PROMPT.test(shell.text().slice(before)), `prompt after "${line}"`);
      return shell.text().slice(before);
    };

    // The shell is on the control-plane node: its routes lead to the other nodes' pod networks.
    expect(await run('hostname')).toContain(`${cluster}-control-plane`);
    expect(await run('ip route')).toMatch(/10\.244\.\d+\.0\/24 via /);

    // The step's reference solution, its answers read off as the learner would.
    await run('kubectl get nodes -o wide');
    const listing = await run(
      'kubectl get nodes -o custom-columns=NAME:.metadata.name,PODCIDR:.spec.podCIDR',
    );
    const answers = {
      'podcidr-control-plane': /-control-plane\s+(10\.244\.\d+\.0\/24)/.exec(listing)?.[1] ?? '',
      'netz-zwei': /^(\S+)\s+10\.244\.2\.0\/24\s*$/m.exec(listing)?.[1] ?? '',
    };
    expect(answers['netz-zwei']).toMatch(new RegExp(`^${cluster}-worker2?$`));

    // Grading reads the nodes through the API server kind published at the engine's address.
    const kubeconfig = parse(
      fs.readFileSync(kubeconfigPath(path.join(tmp.dir, 'clusters'), cluster), 'utf8'),
    ) as { clusters: { cluster: { server: string } }[] };
    expect(new URL(kubeconfig.clusters[0].cluster.server).hostname).toBe(engine.address);
    const result = await ctx.check(learner, sessionId, 'pod-netze', { answers });
    expect(result.checks.map((c) => [c.id, c.status])).toEqual([
      ['podcidr-control-plane', 'pass'],
      ['netz-zwei', 'pass'],
      ['knoten-angesehen', 'pass'],
    ]);
  }, 180_000);

  it('removes the cluster from the second engine when the session ends', async () => {
    terminal?.close();
    await ctx.http().post(`/api/sessions/${sessionId}/finish`).set(learner.auth).expect(200);
    await ctx.settle();
    const left = await poll(
      () => nodeContainers(engine.docker),
      (names) => names.length === 0,
      { intervalMs: 1000, attempts: 180 },
    );
    expect(left).toEqual([]);
    expect(await nodeContainers(host)).toEqual([]);
    const row = await ctx.prisma.cluster.findUniqueOrThrow({ where: { name: cluster } });
    expect(row.status).toBe('deleted');
  }, 240_000);
});
