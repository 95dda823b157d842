import { newId } from '../../src/common/ids.js';
import { apiError } from '../support/api-error.js';
import { FakeEnvironmentDriver } from '../support/fake-environment-driver.js';
import { INSTRUCTOR_AUTH as instructor, type TestLearner as Learner } from '../support/test-app.js';
import { testAppForSuite } from '../support/test-app-for-suite.js';

const SOME_ID = '0b7e8a52-3c1d-4e5f-9a6b-7c8d9e0f1a2b';

describe('Instructor dashboard API (e2e, stand-in cluster driver)', () => {
  const driver = new FakeEnvironmentDriver();
  const ctx = testAppForSuite({ drivers: [driver] });
  let learner: Learner;

  beforeEach(async () => {
    learner = await ctx.newLearner('Ida Instruktiv');
  });

  async function startReady(who: Learner = learner): Promise<string> {
    return (await ctx.newSession(who)).id;
  }

  /** A failed attempt at step „netz“ written straight into the database, `results` as given. */
  const storeFailedAttempt = (sessionId: string, results: string) =>
    ctx.prisma.gradingAttempt.create({
      data: { id: newId(), sessionId, stepId: 'netz', passed: false, results, durationMs: 5 },
    });

  /** The instructor's view of one session (`GET /api/instructor/sessions/:id`, 200). */
  const sessionDetail = (id: string) =>
    ctx.http().get(`/api/instructor/sessions/${id}`).set(instructor).expect(200);

  async function answer(id: string, groesse: string) {
    await ctx.check(learner, id, 'netz', { answers: { groesse, 'pod-netz': '10.244.0.0/16' } });
  }

  describe('who may look', () => {
    const routes = [
      ['get', '/api/instructor/overview'],
      ['get', `/api/instructor/sessions/${SOME_ID}`],
      ['get', `/api/instructor/sessions/${SOME_ID}/attempts`],
      ['get', `/api/instructor/sessions/${SOME_ID}/transcript`],
      ['delete', `/api/instructor/sessions/${SOME_ID}`],
    ] as const;

    it.each(routes)('%s %s needs a token (401, German)', async (method, path) => {
      const { body } = await ctx.http()[method](path).expect(401);
      expect(body).toMatchObject({
        code: 'UNAUTHENTICATED',
        message: expect.stringMatching(/melde dich an/),
      });
    });

    it.each(routes)('%s %s is closed to learners (403, German)', async (method, path) => {
      const { body } = await ctx.http()[method](path).set(learner.auth).expect(403);
      expect(body).toEqual(
        apiError(403, 'FORBIDDEN', 'Dieser Bereich ist der Kursleitung vorbehalten.'),
      );
    });
  });

  it('lists live sessions with learner, lab, step, status and cluster, and the broken labs', async () => {
    const ended = await startReady();
    await ctx.http().delete(`/api/sessions/${ended}`).set(learner.auth).expect(204);
    const id = await startReady();
    await ctx.goToStep(learner, id, 'adresse');

    const { body } = await ctx.http().get('/api/instructor/overview').set(instructor).expect(200);
    const row = body.sessions.find((s: { id: string }) => s.id === id);
    expect(row).toMatchObject({
      learner: { id: learner.id, name: 'Ida Instruktiv' },
      labId: '01-quiz',
      labTitle: 'Quiz zu Netzen',
      status: 'ready',
      currentStep: { id: 'adresse', title: 'Eine Adresse' },
      progress: { passed: 0, total: 2 },
      cluster: {
        name: expect.stringMatching(/^kl-/),
        driver: 'kind',
        status: 'assigned',
        error: null,
        engine: 'local',
      },
      lastActiveAt: expect.any(String),
    });
    const ids = (body.sessions as { id: string }[]).map((s) => s.id);
    expect(ids.indexOf(id)).toBeLessThan(ids.indexOf(ended));
    expect(body.capacity.sessions.ready).toBeGreaterThanOrEqual(1);
    expect(body.capacity.clusters).toContainEqual({
      driver: 'kind',
      status: 'assigned',
      count: expect.any(Number),
    });
    // One engine (KUBELAB_DOCKER_HOST) holding KUBELAB_MAX_CLUSTERS, the ready session's on it.
    const [engine, ...others] = body.capacity.engines;
    expect(others).toEqual([]);
    expect(engine).toMatchObject({ name: 'local', state: 'up', lost: 0, lastError: null });
    expect(engine.environments).toBeGreaterThanOrEqual(1);
    expect(engine.free).toBe(engine.capacity - engine.environments);
    expect(body.labProblems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ labId: '02-kaputt', file: expect.stringContaining('lab.yaml') }),
      ]),
    );
  });

  it('shows a session with its attempts, per-check results and the command transcript', async () => {
    const id = await startReady();
    await answer(id, '255');
    await answer(id, '256');
    await ctx.prisma.transcriptEntry.create({
      data: {
        id: newId(),
        sessionId: id,
        terminal: 't1',
        seq: 1,
        command: 'ip addr',
        exitCode: 0,
        output: '1: lo: <LOOPBACK,UP>',
        startedAt: new Date(),
        finishedAt: new Date(),
      },
    });

    const { body } = await sessionDetail(id);
    expect(body.session).toMatchObject({
      id,
      learner: { name: 'Ida Instruktiv' },
      progress: { passed: 1 },
    });
    expect(body.attempts).toMatchObject({ total: 2, next: null });
    // Newest first.
    const [second, first] = body.attempts.items;
    expect(first).toMatchObject({ stepId: 'netz', passed: false });
    expect(first.results).toContainEqual(
      expect.objectContaining({
        id: 'groesse',
        kind: 'answer',
        status: 'fail',
        message: expect.any(String),
      }),
    );
    expect(second).toMatchObject({ stepId: 'netz', passed: true });
    expect(body.transcript).toEqual({
      items: [
        expect.objectContaining({
          terminal: 't1',
          command: 'ip addr',
          exitCode: 0,
          output: '1: lo: <LOOPBACK,UP>',
          dropped: null,
        }),
      ],
      total: 1,
      next: null,
    });
  });

  it('pages attempts and the transcript, newest first, without gaps or repeats', async () => {
    const id = await startReady();
    const base = Date.parse('2026-11-30T10:00:00Z');
    // Same start times in pairs: the tie-breaks (seq, id) must hold the order across pages.
    await ctx.prisma.transcriptEntry.createMany({
      data: Array.from({ length: 130 }, (_, i) => ({
        id: newId(),
        sessionId: id,
        terminal: i % 2 ? 't2' : 't1',
        seq: i + 1,
        command: `echo ${i + 1}`,
        exitCode: 0,
        output: '',
        startedAt: new Date(base + Math.floor(i / 2) * 1000),
      })),
    });
    await ctx.prisma.gradingAttempt.createMany({
      data: Array.from({ length: 45 }, (_, i) => ({
        id: newId(),
        sessionId: id,
        stepId: 'netz',
        passed: false,
        results: '[]',
        durationMs: i,
        createdAt: new Date(base + Math.floor(i / 3) * 1000),
      })),
    });

    const { body } = await ctx.http().get(`/api/instructor/sessions/${id}`).set(instructor);
    expect(body.transcript.items).toHaveLength(50);
    expect(body.transcript.total).toBe(130);
    expect(body.attempts.items).toHaveLength(20);
    expect(body.attempts.total).toBe(45);

    async function all(
      kind: 'transcript' | 'attempts',
      first: { items: unknown[]; next: string | null },
    ) {
      const items = [...first.items];
      let next = first.next;
      while (next) {
        const page = await ctx
          .http()
          .get(`/api/instructor/sessions/${id}/${kind}`)
          .query({ before: next, limit: 40 })
          .set(instructor)
          .expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(40);
        items.push(...page.body.items);
        next = page.body.next;
      }
      return items;
    }
    const commands = (await all('transcript', body.transcript)) as { command: string }[];
    expect(commands.map((c) => c.command)).toEqual(
      Array.from({ length: 130 }, (_, i) => `echo ${130 - i}`),
    );
    const attempts = (await all('attempts', body.attempts)) as { id: string; durationMs: number }[];
    expect(new Set(attempts.map((a) => a.id)).size).toBe(45);
    const seconds = attempts.map((a) => Math.floor(a.durationMs / 3));
    expect(seconds).toEqual([...seconds].sort((a, b) => b - a));
  });

  it('refuses a malformed page request in German', async () => {
    const id = await startReady();
    for (const query of [{ limit: 500 }, { limit: 0 }, { before: 'gestern' }, { seite: 2 }]) {
      const { body } = await ctx
        .http()
        .get(`/api/instructor/sessions/${id}/transcript`)
        .query(query)
        .set(instructor)
        .expect(400);
      expect(body.code).toBe('VALIDATION_FAILED');
    }
    await ctx
      .http()
      .get(`/api/instructor/sessions/${SOME_ID}/attempts`)
      .set(instructor)
      .expect(404);
  });

  it('labels an answer check stored without title or detail by its question', async () => {
    const id = await startReady();
    const stored = {
      id: 'groesse',
      kind: 'answer',
      status: 'fail',
      message: 'Falsch.',
      durationMs: 1,
    };
    await storeFailedAttempt(id, JSON.stringify([stored]));
    const { body } = await sessionDetail(id);
    expect(body.attempts.items[0].results).toEqual([
      {
        id: 'groesse',
        kind: 'answer',
        title: 'Wie viele Adressen hat ein /24-Netz?',
        status: 'fail',
        message: 'Falsch.',
        detail: null,
        expected: null,
        observed: null,
      },
    ]);
  });

  it('shows an attempt whose stored results cannot be read with no results, not an error', async () => {
    const id = await startReady();
    await storeFailedAttempt(id, '{kaputt');
    const { body } = await sessionDetail(id);
    expect(body.attempts.items).toEqual([expect.objectContaining({ stepId: 'netz', results: [] })]);
  });

  it('answers 404 in German for an unknown session, and 400 for a malformed id', async () => {
    const unknown = newId();
    for (const method of ['get', 'delete'] as const) {
      const http = ctx.http();
      const { body } = await http[method](`/api/instructor/sessions/${unknown}`)
        .set(instructor)
        .expect(404);
      expect(body).toEqual(apiError(404, 'SESSION_NOT_FOUND', 'Diese Sitzung gibt es nicht.'));
    }
    const { body } = await ctx
      .http()
      .get('/api/instructor/sessions/nicht-da')
      .set(instructor)
      .expect(400);
    expect(body.code).toBe('VALIDATION_FAILED');
  });

  it('ends a learner’s session: progress stays, the cluster is released', async () => {
    const id = await startReady();
    await answer(id, '256');
    const { body: before } = await ctx
      .http()
      .get(`/api/sessions/${id}`)
      .set(learner.auth)
      .expect(200);

    await ctx.http().delete(`/api/instructor/sessions/${id}`).set(instructor).expect(204);

    const { body: after } = await ctx
      .http()
      .get(`/api/sessions/${id}`)
      .set(learner.auth)
      .expect(200);
    expect(after).toMatchObject({ status: 'finished', progress: { passed: 1, total: 2 } });
    expect(driver.destroyed).toContain(before.cluster.name);
    const { body } = await ctx.http().get('/api/instructor/overview').set(instructor).expect(200);
    expect(body.sessions.find((s: { id: string }) => s.id === id)).toMatchObject({
      status: 'finished',
      cluster: { status: 'deleted' },
    });
  });
});
