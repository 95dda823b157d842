import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { EnvironmentHandle } from '../../src/clusters/environment-handle.js';
import type { CheckResult } from '../../src/grading/check-result.js';
import { StepGrader, type GradeInput } from '../../src/grading/step-grader.js';
import { AUTO_CHECK_DELAY_MS } from '../../src/sessions/auto-check/auto-check.service.js';
import { KubeWatcher } from '../../src/kube/kube-watcher.js';
import { FakeEnvironmentDriver } from '../support/fake-environment-driver.js';
import { SseClient } from '../support/sse-client.js';
import { createTestApp, type TestContext } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

/** A kind driver stand-in whose clusters hand out a kubeconfig, so a watch can be opened. */
class WatchableDriver extends FakeEnvironmentDriver {
  override async handle(name: string): Promise<EnvironmentHandle> {
    return {
      ...(await super.handle(name)),
      kubeConfig: () => Promise.resolve(`kubeconfig of ${name}`),
    };
  }
}

/** Records the watches the server opens; `change()` plays a watch event. */
class FakeWatcher extends KubeWatcher {
  readonly watches: {
    kubeConfig: string;
    paths: string[];
    stopped: boolean;
    onChange: () => void;
  }[] = [];
  watch(kubeConfig: string, paths: string[], onChange: () => void) {
    const entry = { kubeConfig, paths, stopped: false, onChange };
    this.watches.push(entry);
    return () => {
      entry.stopped = true;
    };
  }
  change(): void {
    for (const w of this.watches.filter((w) => !w.stopped)) w.onChange();
  }
}

/** Passes every check once `done` is set; records which steps it graded. */
class SwitchGrader extends StepGrader {
  done = false;
  readonly graded: string[] = [];
  grade(input: GradeInput): Promise<CheckResult[]> {
    this.graded.push(input.step.id);
    return Promise.resolve(
      input.step.checks.map((c) => ({
        id: c.id,
        kind: c.kind,
        status: this.done ? ('pass' as const) : ('fail' as const),
        message: '',
        durationMs: 1,
      })),
    );
  }
}

/**
 * The background check on a kind session: it watches exactly the kinds the open steps read,
 * grades on a watch event (not on a timer), stores and pushes a pass, skips steps that need a
 * typed answer, and closes the watch when the page leaves.
 */
describe('Background check on a kind session (e2e, stand-in cluster)', () => {
  const driver = new WatchableDriver();
  const watcher = new FakeWatcher();
  const grader = new SwitchGrader();
  let ctx: TestContext;
  let base: string;

  beforeAll(async () => {
    ctx = await createTestApp({
      env: { KUBELAB_LABS_DIR: path.resolve('test/fixtures/auto-check-labs') },
      drivers: [driver],
      overrides: [
        { provide: KubeWatcher, useValue: watcher },
        { provide: StepGrader, useValue: grader },
        { provide: AUTO_CHECK_DELAY_MS, useValue: 20 },
      ],
    });
    await ctx.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => ctx.close());

  it('grades on watch events, pushes the pass and stops watching when the page leaves', async () => {
    const learner = await ctx.newLearner('Kira Kind');
    const session = await ctx.newSession(learner, '02-auto-kind');
    const events = await SseClient.open(`${base}/api/sessions/${session.id}/auto-check`, {
      authorization: `Bearer ${learner.token}`,
    });
    try {
      await waitFor(
        () => watcher.watches.length === 1 && grader.graded.length >= 1,
        'the watch and the first background run',
        5000,
      );
      expect(watcher.watches[0]).toMatchObject({
        kubeConfig: `kubeconfig of ${session.cluster!.name}`,
        paths: [
          '/api/v1/pods',
          '/api/v1/services',
          '/apis/discovery.k8s.io/v1/endpointslices',
          '/apis/networking.k8s.io/v1/networkpolicies',
        ],
      });
      // The first run (page opened) failed: nothing stored.
      expect(await ctx.prisma.gradingAttempt.count({ where: { sessionId: session.id } })).toBe(0);

      grader.done = true;
      watcher.change();
      const passed = await events.waitFor<{ type: string; stepId: string }>(
        (e) => e.type === 'step-passed',
      );
      expect(passed.stepId).toBe('policy');
      const attempts = await ctx.prisma.gradingAttempt.findMany({
        where: { sessionId: session.id },
      });
      expect(attempts.map((a) => [a.stepId, a.passed, a.trigger])).toEqual([
        ['policy', true, 'auto'],
      ]);

      // The next step asks a question: more events, but it is never graded in the background.
      watcher.change();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(grader.graded).not.toContain('frage');
    } finally {
      events.close();
    }
    await waitFor(() => watcher.watches.every((w) => w.stopped), 'the watch to stop', 5000);
  });

  it('answers 404 to a stranger', async () => {
    const owner = await ctx.newLearner('Eigner');
    const session = await ctx.newSession(owner, '02-auto-kind');
    const stranger = await ctx.newLearner('Fremd');
    await ctx.http().get(`/api/sessions/${session.id}/auto-check`).set(stranger.auth).expect(404);
  });
});
