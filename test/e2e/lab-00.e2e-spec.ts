import Docker from 'dockerode';
import { SessionReaper } from '../../src/sessions/session-reaper.js';
import { describeWithDocker } from '../support/describe-with-docker.js';
import { LAB_00_PROMPT, solutionLines, startLab00App } from '../support/lab-00.js';
import type { TestContext } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';
import { TerminalTestClient } from '../support/ws-client.js';

const STEPS = ['knoten', 'namespaces', 'veth', 'bridge', 'routen', 'nat', 'nachbarn'];
const ANSWERS: Record<string, Record<string, string>> = {
  knoten: { 'default-interface': 'eth0' },
  nat: { quelladresse: '192.168.100.1' },
};

/**
 * Lab 00 end to end in a real container environment: every step fails before its reference
 * solution is typed into the browser terminal and passes after; the environment is reaped
 * midway and "Fortsetzen" replays the passed steps on a fresh one; then the lab is finished.
 */
describeWithDocker('Lab 00 end to end (real container environment and terminal)', () => {
  const docker = new Docker();
  let ctx: TestContext;
  let url: string;
  let terminal: TerminalTestClient | undefined;

  beforeAll(async () => {
    ({ ctx, url } = await startLab00App(docker));
  }, 300_000);
  afterAll(async () => {
    terminal?.close();
    await ctx?.close();
  });

  it('teaches the whole lab: fail before, pass after, survive a reaped environment, finish', async () => {
    const learner = await ctx.newLearner('Nina Netz');
    const api = ctx.http;
    const { id } = await ctx.newSession(learner, '00-linux-netzwerk');

    const openTerminal = async () => {
      terminal?.close();
      terminal = await TerminalTestClient.connect(url, {
        origin: url.replace('ws:', 'http:').replace('/ws/terminal', ''),
      });
      await terminal.open({ token: learner.token, sessionId: id });
      await terminal.waitForText(LAB_00_PROMPT, 20_000).catch((e: unknown) => {
        throw new Error(`${String(e)}\n${JSON.stringify(terminal!.text())}`);
      });
    };
    const run = async (line: string) => {
      const before = terminal!.text().length;
      terminal!.type(`${line}\r`);
      await waitFor(
        () => LAB_00_PROMPT.test(terminal!.text().slice(before)),
        `prompt after "${line}"`,
      );
    };
    const check = async (step: string) => {
      const { body: result } = await api()
        .post(`/api/sessions/${id}/steps/${step}/check`)
        .set(learner.auth)
        .send({ answers: ANSWERS[step] ?? {} })
        .expect(200);
      return result as {
        passed: boolean;
        checks: { id: string; status: string; message: string }[];
      };
    };

    await openTerminal();
    for (const [index, step] of STEPS.entries()) {
      if (index === 3) {
        // The environment is reaped (maximum lifetime); "Fortsetzen" rebuilds it from the passed steps.
        await ctx.prisma.labSession.update({
          where: { id },
          data: { expiresAt: new Date(Date.now() - 1000) },
        });
        await ctx.app.get(SessionReaper).reapOnce();
        const { body: expired } = await api()
          .get(`/api/sessions/${id}`)
          .set(learner.auth)
          .expect(200);
        expect(expired.status).toBe('expired');
        await expect(docker.getContainer(expired.cluster.name).inspect()).rejects.toMatchObject({
          statusCode: 404,
        });
        await api().post(`/api/sessions/${id}/resume`).set(learner.auth).expect(200);
        await ctx.settle();
        const { body: resumed } = await api()
          .get(`/api/sessions/${id}`)
          .set(learner.auth)
          .expect(200);
        expect(resumed).toMatchObject({ status: 'ready', progress: { passed: 3, total: 7 } });
        await openTerminal();
        // The replayed veth step left its state: pod1 already has its address.
        await run('ip -n pod1 -br addr show dev eth0');
        expect(terminal!.text()).toContain('10.244.1.2/24');
      }
      const before = await check(step);
      expect({ step, passed: before.passed }).toEqual({ step, passed: false });
      for (const line of solutionLines(step)) await run(line);
      const after = await check(step);
      const failing = after.checks
        .filter((c) => c.status !== 'pass')
        .map((c) => `${c.id}: ${c.message}`);
      expect({ step, failing }).toEqual({ step, failing: [] });
    }

    const { body: finished } = await api()
      .post(`/api/sessions/${id}/finish`)
      .set(learner.auth)
      .expect(200);
    expect(finished.session).toMatchObject({
      status: 'finished',
      progress: { passed: 7, total: 7 },
      cluster: { status: 'deleted' },
    });
    expect(
      finished.summary.every(
        (s: { passed: boolean; attempts: number }) => s.passed && s.attempts === 2,
      ),
    ).toBe(true);
    await expect(
      docker.getContainer(finished.session.cluster.name).inspect(),
    ).rejects.toMatchObject({ statusCode: 404 });
  }, 240_000);
});
