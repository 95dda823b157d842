import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Docker from 'dockerode';
import { ENGINE_LOST_MESSAGE, EngineHealth } from '../../src/clusters/engines/engine-health.js';
import { describeWithSecondEngine } from '../support/describe-with-second-engine.js';
import { LAB_00, LAB_00_PROMPT, solutionLines } from '../support/lab-00.js';
import { SecondEngine } from '../../src/bench/second-engine/second-engine.js';
import { createTestApp, type TestContext, type TestLearner } from '../support/test-app.js';
import { ensureNetlabImage } from '../support/test-images.js';
import { waitFor } from '../support/wait-for.js';
import { TerminalTestClient } from '../support/ws-client.js';

const LOCAL = 'unix:///var/run/docker.sock';
const INSTANCE = 'e2e-engines';

/**
 * Lab 00 on two real Docker engines: this host's and a second dockerd reached over TCP with
 * TLS (test/support/second-engine.ts). Sessions are placed on both and work through the real
 * terminal; the second engine is stopped mid-session, its learners' sessions become
 * unavailable, „Fortsetzen“ rebuilds one on this host with its passed steps replayed, and what
 * was left on the second engine is removed once it answers again.
 */
describeWithSecondEngine('Lab 00 on two real Docker engines (TLS)', () => {
  const host = new Docker();
  let engine: SecondEngine;
  let ctx: TestContext;
  let url: string;
  const terminals: TerminalTestClient[] = [];

  beforeAll(async () => {
    const image = await ensureNetlabImage(host);
    engine = await SecondEngine.start({ name: `e2e-${Date.now().toString(36)}`, host });
    await engine.loadImage(image);
    ctx = await createTestApp({
      env: {
        KUBELAB_LABS_DIR: path.dirname(LAB_00),
        KUBELAB_DOCKER_HOSTS: `local=${LOCAL}?capacity=1 fern=${engine.endpoint}?capacity=2&tls=${engine.certPath}`,
        KUBELAB_INSTANCE: INSTANCE,
        KUBELAB_ENGINE_LOST_AFTER: '2',
      },
    });
    await ctx.app.listen(0, '127.0.0.1');
    const { port } = ctx.app.getHttpServer().address() as AddressInfo;
    url = `ws://127.0.0.1:${port}/ws/terminal`;
  }, 300_000);

  afterAll(async () => {
    for (const terminal of terminals) terminal.close();
    await ctx?.close();
    await engine?.remove();
  });

  const health = () => ctx.app.get(EngineHealth);
  const endpointOf = async (clusterName: string) =>
    (await ctx.prisma.cluster.findUniqueOrThrow({ where: { name: clusterName } })).dockerEndpoint;

  async function openTerminal(learner: TestLearner, sessionId: string) {
    const terminal = await TerminalTestClient.connect(url, {
      origin: url.replace('ws:', 'http:').replace('/ws/terminal', ''),
    });
    terminals.push(terminal);
    await terminal.open({ token: learner.token, sessionId });
    await terminal.waitForText(LAB_00_PROMPT, 30_000);
    const run = async (line: string) => {
      const before = terminal.text().length;
      terminal.type(`${line}\r`);
      await waitFor(
        () => LAB_00_PROMPT.test(terminal.text().slice(before)),
        `prompt after "${line}"`,
      );
      return terminal.text().slice(before);
    };
    return { terminal, run };
  }

  const sessions: { learner: TestLearner; id: string; cluster: string }[] = [];

  it('places sessions on both engines by free room and runs their terminals there', async () => {
    for (const name of ['Erste', 'Zweiter', 'Dritte']) {
      const learner = await ctx.newLearner(name);
      const session = await ctx.newSession(learner, '00-linux-netzwerk');
      expect(session.status).toBe('ready');
      sessions.push({ learner, id: session.id, cluster: session.cluster!.name });
    }
    // fern has 2 free, local 1 → fern; then 1 and 1 → local (named first); then fern.
    expect(await Promise.all(sessions.map((s) => endpointOf(s.cluster)))).toEqual([
      engine.endpoint,
      LOCAL,
      engine.endpoint,
    ]);
    await expect(engine.docker.getContainer(sessions[0].cluster).inspect()).resolves.toBeDefined();
    await expect(host.getContainer(sessions[0].cluster).inspect()).rejects.toMatchObject({
      statusCode: 404,
    });
    await expect(host.getContainer(sessions[1].cluster).inspect()).resolves.toBeDefined();

    // Every session's terminal opens where its environment lives.
    for (const { learner, id, cluster } of sessions) {
      const { run } = await openTerminal(learner, id);
      expect(await run('hostname')).toContain(cluster);
    }

    // The first learner works on fern through the real terminal: two steps pass.
    const { learner, id } = sessions[0];
    const { run } = await openTerminal(learner, id);
    // As in the lab: each step is opened (its first check fails), worked, and checked again.
    const answers: Record<string, Record<string, string>> = {
      knoten: { 'default-interface': 'eth0' },
    };
    for (const step of ['knoten', 'namespaces']) {
      await ctx.goToStep(learner, id, step);
      for (const line of solutionLines(step)) await run(line);
      const result = await ctx.check(learner, id, step, { answers: answers[step] ?? {} });
      const failing = result.checks.filter((c) => c.status !== 'pass').map((c) => c.message);
      expect({ step, failing }).toEqual({ step, failing: [] });
    }
  }, 180_000);

  it('makes the sessions of a stopped engine unavailable, resumes one on the other with its progress, and cleans up when it is back', async () => {
    const [onFern, onLocal, alsoOnFern] = sessions;
    const { terminal } = await openTerminal(onFern.learner, onFern.id);
    // Room on this host for the resumed session.
    await ctx
      .http()
      .post(`/api/sessions/${onLocal.id}/finish`)
      .set(onLocal.learner.auth)
      .expect(200);

    await engine.stop();
    await health().checkNow();
    await health().checkNow();
    for (const s of [onFern, alsoOnFern])
      expect(await ctx.session(s.learner, s.id)).toMatchObject({
        status: 'unavailable',
        message: ENGINE_LOST_MESSAGE,
      });
    // Its terminal ends: the shell's stream broke with the engine, or the session's end closed it.
    await Promise.any([terminal.waitForControl('exit'), terminal.waitForControl('error')]);

    await ctx.http().post(`/api/sessions/${onFern.id}/resume`).set(onFern.learner.auth).expect(200);
    await ctx.settle();
    const resumed = await ctx.session(onFern.learner, onFern.id);
    expect(resumed).toMatchObject({ status: 'ready', progress: { passed: 2, total: 7 } });
    expect(await endpointOf(resumed.cluster!.name)).toBe(LOCAL);
    // The replayed step left its state on the new environment.
    const { run } = await openTerminal(onFern.learner, onFern.id);
    expect(await run('ip netns list')).toContain('pod1');

    // fern answers again: the two environments left there go, the rows say so.
    await engine.start();
    await health().checkNow();
    const left = await engine.docker.listContainers({
      all: true,
      filters: { label: [`dev.kubelab.instance=${INSTANCE}`] },
    });
    expect(left.map((c) => c.Names)).toEqual([]);
    expect(await ctx.prisma.cluster.count({ where: { status: 'lost' } })).toBe(0);
    for (const s of [onFern, alsoOnFern])
      await expect(engine.docker.getContainer(s.cluster).inspect()).rejects.toMatchObject({
        statusCode: 404,
      });
  }, 180_000);
});
