import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Docker from 'dockerode';
import { describeWithDocker } from '../support/describe-with-docker.js';
import { SseClient } from '../support/sse-client.js';
import { createContainerLabApp } from '../support/container-lab-app.js';
import { INSTRUCTOR_AUTH, type TestContext } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';
import { TerminalTestClient } from '../support/ws-client.js';

const PROMPT = /kl-[0-9a-f]{8}:control-plane # $/;

interface StepPassed {
  type: string;
  stepId: string;
  attemptId: string;
  session: { progress: { passed: number }; steps: { id: string; passed: boolean }[] };
}

/**
 * The background check (autoCheck) end to end: a command typed in the real browser terminal of a
 * real container environment makes the server grade the open step by itself and push the pass
 * to the page; failed background runs leave no trace, and a step with a question waits for
 * "Prüfen".
 */
describeWithDocker('Background check (e2e, real container and terminal)', () => {
  const docker = new Docker();
  let ctx: TestContext;
  let base: string;
  let terminal: TerminalTestClient | undefined;
  let events: SseClient | undefined;
  let sessionId = '';

  beforeAll(async () => {
    ctx = await createContainerLabApp(docker, path.resolve('test/fixtures/auto-check-labs'));
    await ctx.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
  }, 300_000);
  afterAll(async () => {
    events?.close();
    terminal?.close();
    // Whatever happened, the session's container goes.
    if (sessionId) {
      await ctx.http().delete(`/api/instructor/sessions/${sessionId}`).set(INSTRUCTOR_AUTH);
    }
    await ctx?.close();
  });

  it('passes the open step when a finished command completes it, and pushes it to the page', async () => {
    const learner = await ctx.newLearner('Anton Auto');
    const session = await ctx.newSession(learner, '01-auto');
    expect(session.status).toBe('ready');
    const id = session.id;
    sessionId = id;

    const stranger = await ctx.newLearner('Fremd');
    await ctx.http().get(`/api/sessions/${id}/auto-check`).set(stranger.auth).expect(404);

    events = await SseClient.open(`${base}/api/sessions/${id}/auto-check`, {
      authorization: `Bearer ${learner.token}`,
    });
    terminal = await TerminalTestClient.connect(base.replace('http:', 'ws:') + '/ws/terminal', {
      origin: base,
    });
    await terminal.open({ token: learner.token, sessionId: id });
    await terminal.waitForText(PROMPT, 20_000);
    const run = async (line: string) => {
      const before = terminal!.text().length;
      terminal!.type(`${line}\r`);
      await waitFor(() => PROMPT.test(terminal!.text().slice(before)), `prompt after ${line}`);
    };

    // A command that does not complete the step: graded in the background, nothing stored.
    await run('ip netns list');
    // Longer than the background check's quiet time: that command has been graded (and failed).
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await run('ip netns add blau');
    const passed = await events.waitFor<StepPassed>((e) => e.type === 'step-passed', 30_000);
    expect(passed).toMatchObject({
      stepId: 'namespace',
      session: {
        progress: { passed: 1 },
        steps: [
          { id: 'namespace', passed: true },
          { id: 'frage', passed: false },
        ],
      },
    });

    const attempts = await ctx.prisma.gradingAttempt.findMany({ where: { sessionId: id } });
    expect(
      attempts.map(({ id: attemptId, stepId, passed: ok, trigger }) => ({
        attemptId,
        stepId,
        ok,
        trigger,
      })),
    ).toEqual([{ attemptId: passed.attemptId, stepId: 'namespace', ok: true, trigger: 'auto' }]);

    // The next step asks a question: commands alone never pass it, "Prüfen" with the answer does.
    await run('ip netns list');
    const body = await ctx.check(learner, id, 'frage', { answers: { befehl: 'ip netns list' } });
    expect(body.passed).toBe(true);
    const all = await ctx.prisma.gradingAttempt.findMany({
      where: { sessionId: id },
      orderBy: { createdAt: 'asc' },
    });
    expect(all.map((a) => [a.stepId, a.trigger])).toEqual([
      ['namespace', 'auto'],
      ['frage', 'learner'],
    ]);
  }, 120_000);
});
