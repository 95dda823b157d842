import path from 'node:path';
import { nftQueueItem } from '../../src/clusters/preflight/nft-queue.probe.js';
import { apiError } from '../support/api-error.js';
import { FakeEnvironmentDriver } from '../support/fake-environment-driver.js';
import {
  createTestApp,
  INSTRUCTOR_AUTH,
  type TestLearner as Learner,
} from '../support/test-app.js';
import { testAppForSuite } from '../support/test-app-for-suite.js';

describe('Sessions (e2e, stand-in cluster driver)', () => {
  const driver = new FakeEnvironmentDriver();
  const ctx = testAppForSuite({ drivers: [driver] });
  let learner: Learner;

  beforeEach(async () => {
    driver.failCreates = 0;
    learner = await ctx.newLearner();
  });

  async function startReady(who: Learner = learner): Promise<string> {
    return (await ctx.newSession(who)).id;
  }
  /** `POST /api/sessions` as the learner; the test says which status it expects. */
  const postSession = (body?: object) =>
    ctx.http().post('/api/sessions').set(learner.auth).send(body);

  it('starts a session, provisions a cluster through the driver and becomes ready', async () => {
    const body = await ctx.startSession(learner);
    expect(body).toMatchObject({
      labId: '01-quiz',
      status: 'queued',
      currentStep: 'netz',
      progress: { passed: 0, total: 2 },
      steps: [
        { id: 'netz', title: 'Ein Netz lesen', passed: false, attempts: 0 },
        { id: 'adresse', title: 'Eine Adresse', passed: false, attempts: 0 },
      ],
    });
    await ctx.settle();
    const ready = await ctx.session(learner, body.id);
    expect(ready.status).toBe('ready');
    expect(ready.message).toBeNull();
    expect(ready.cluster).toEqual({
      name: expect.stringMatching(/^kl-[0-9a-f]{8}$/),
      status: 'assigned',
    });
    expect(driver.created.at(-1)).toMatchObject({
      name: ready.cluster?.name,
      cluster: { workers: 2, podSubnet: '10.244.0.0/16' },
    });
  });

  it('returns the live session instead of starting a second one for the same lab', async () => {
    const id = await startReady();
    const { body } = await postSession({ labId: '01-quiz' }).expect(200);
    expect(body.id).toBe(id);
    const { body: list } = await ctx.http().get('/api/sessions').set(learner.auth).expect(200);
    expect(list.map((s: { id: string }) => s.id)).toEqual([id]);
  });

  it('refuses an unknown lab with 404 and writes nothing', async () => {
    const before = await ctx.prisma.labSession.count();
    const { body } = await postSession({ labId: '99-nichts' }).expect(404);
    expect(body.code).toBe('LAB_NOT_FOUND');
    expect(await ctx.prisma.labSession.count()).toBe(before);
  });

  it.each([
    ['no body', undefined],
    ['a labId of the wrong type', { labId: 7 }],
    ['an unknown field', { labId: '01-quiz', cluster: 'mine' }],
  ])('refuses %s with 400', async (_case, payload) => {
    const { body } = await postSession(payload).expect(400);
    expect(body.code).toBe('VALIDATION_FAILED');
  });

  it('needs a token', async () => {
    await ctx.http().post('/api/sessions').send({ labId: '01-quiz' }).expect(401);
    await ctx.http().get('/api/sessions').expect(401);
  });

  it("hides someone else's session behind 404, for every route", async () => {
    const id = await startReady();
    const other = await ctx.newLearner('Mallory');
    const routes = [
      ctx.http().get(`/api/sessions/${id}`),
      ctx.http().patch(`/api/sessions/${id}`).send({ currentStep: 'adresse' }),
      ctx.http().post(`/api/sessions/${id}/steps/netz/check`).send({}),
      ctx.http().post(`/api/sessions/${id}/steps/netz/hints`),
      ctx.http().post(`/api/sessions/${id}/finish`),
      ctx.http().delete(`/api/sessions/${id}`),
    ];
    for (const route of routes) {
      const { body } = await route.set(other.auth).expect(404);
      expect(body).toEqual(apiError(404, 'SESSION_NOT_FOUND', 'Diese Sitzung gibt es nicht.'));
    }
    const { body } = await ctx.http().get(`/api/sessions/${id}`).set(learner.auth).expect(200);
    expect(body.status).toBe('ready');
  });

  it('lets the instructor read any session', async () => {
    const id = await startReady();
    await ctx.http().get(`/api/sessions/${id}`).set(INSTRUCTOR_AUTH).expect(200);
  });

  it('answers a malformed session id with 400 and an unknown one with 404', async () => {
    await ctx.http().get('/api/sessions/not-a-uuid').set(learner.auth).expect(400);
    const { body } = await ctx
      .http()
      .get('/api/sessions/00000000-0000-4000-8000-000000000000')
      .set(learner.auth)
      .expect(404);
    expect(body.code).toBe('SESSION_NOT_FOUND');
  });

  it('grades a step: a wrong answer fails, a right one passes, both are stored', async () => {
    const id = await startReady();
    const wrong = await ctx.check(learner, id, 'netz', {
      answers: { groesse: '254', 'pod-netz': '10.244.0.0/16' },
    });
    expect(wrong.passed).toBe(false);
    expect(wrong.checks).toEqual([
      expect.objectContaining({
        id: 'groesse',
        kind: 'answer',
        title: 'Wie viele Adressen hat ein /24-Netz?',
        status: 'fail',
      }),
      expect.objectContaining({ id: 'pod-netz', kind: 'answer', status: 'pass' }),
    ]);
    // The learner reads sentences; raw values and the technical detail are the instructor's.
    for (const key of ['expected', 'observed', 'detail']) {
      expect(wrong.checks[0]).not.toHaveProperty(key);
    }
    expect(wrong.hints).toEqual(['Rechne 2 hoch (32 minus 24).']);
    expect(wrong.session.steps[0]).toMatchObject({ passed: false, attempts: 1 });

    const right = await ctx.check(learner, id, 'netz', {
      answers: { groesse: ' 256 ', 'pod-netz': '10.244.000.0/16' },
    });
    expect(right.passed).toBe(true);
    expect(right.hints).toEqual([]);
    expect(right.session.steps[0]).toMatchObject({
      passed: true,
      attempts: 2,
      passedAt: expect.any(String),
    });
    expect(right.session.progress).toEqual({ passed: 1, total: 2 });

    const attempts = await ctx.prisma.gradingAttempt.findMany({
      where: { sessionId: id },
      orderBy: { createdAt: 'asc' },
    });
    expect(attempts.map((a) => a.passed)).toEqual([false, true]);
    expect(JSON.parse(attempts[0].results)).toEqual([
      expect.objectContaining({ id: 'groesse', observed: '254' }),
      expect.objectContaining({ id: 'pod-netz' }),
    ]);
  });

  it('gives back a step’s revealed hints and newest verdict for a reloaded page', async () => {
    const id = await startReady();
    const state = () => ctx.http().get(`/api/sessions/${id}/steps/netz`).set(learner.auth);
    expect((await state().expect(200)).body).toEqual({
      stepId: 'netz',
      hints: { hints: [], remaining: 2 },
      lastCheck: null,
    });

    await ctx.http().post(`/api/sessions/${id}/steps/netz/hints`).set(learner.auth).expect(200);
    const wrong = await ctx.check(learner, id, 'netz', {
      answers: { groesse: '254', 'pod-netz': '10.244.0.0/16' },
    });
    expect((await state().expect(200)).body).toEqual({
      stepId: 'netz',
      hints: { hints: ['Ein /24 lässt 8 Bit für Hosts.'], remaining: 1 },
      lastCheck: {
        attemptId: wrong.attemptId,
        passed: false,
        checks: wrong.checks,
        hints: ['Rechne 2 hoch (32 minus 24).'],
        at: expect.any(String),
        trigger: 'learner',
      },
    });

    const stranger = await ctx.newLearner('Fremd');
    await ctx.http().get(`/api/sessions/${id}/steps/netz`).set(stranger.auth).expect(404);
    await ctx.http().get(`/api/sessions/${id}/steps/gibts-nicht`).set(learner.auth).expect(404);
  });

  it('keeps a passed step passed when a later attempt fails', async () => {
    const id = await startReady();
    const check = (answer: string) =>
      ctx
        .http()
        .post(`/api/sessions/${id}/steps/adresse/check`)
        .set(learner.auth)
        .send({ answers: { 'dns-ip': answer } })
        .expect(200);
    await check('10.96.0.10');
    const { body } = await check('10.96.0.11');
    expect(body.passed).toBe(false);
    expect(body.session.steps[1]).toMatchObject({ passed: true, attempts: 2 });
  });

  it('fails a step with a German message when an answer is missing', async () => {
    const id = await startReady();
    const body = await ctx.check(learner, id, 'adresse');
    expect(body.passed).toBe(false);
    expect(body.checks[0].message).toBe(
      'Bitte beantworte die Frage: Welche IP hat kube-dns in kind?',
    );
  });

  it('refuses unknown steps (404) and unknown answer fields (400)', async () => {
    const id = await startReady();
    const unknownStep = await ctx.checkRequest(learner, id, 'gibt-es-nicht').expect(404);
    expect(unknownStep.body.code).toBe('STEP_NOT_FOUND');
    const unknownField = await ctx
      .checkRequest(learner, id, 'adresse', { answers: { geraten: '1' } })
      .expect(400);
    expect(unknownField.body.code).toBe('VALIDATION_FAILED');
    expect(await ctx.prisma.gradingAttempt.count({ where: { sessionId: id } })).toBe(0);
  });

  it('refuses to grade before the environment is ready (409)', async () => {
    const open = driver.hold();
    const body = await ctx.startSession(learner);
    const busy = await ctx.checkRequest(learner, body.id, 'netz').expect(409);
    expect(busy.body.code).toBe('SESSION_NOT_READY');
    const provisioning = await ctx.session(learner, body.id);
    expect(provisioning.status).toBe('provisioning');
    expect(provisioning.message).toBe('Schritt 1 von 2: Knoten werden vorbereitet');
    open();
    await ctx.settle();
  });

  it('reveals plain hints one at a time and stops at the last', async () => {
    const id = await startReady();
    const reveal = () =>
      ctx.http().post(`/api/sessions/${id}/steps/netz/hints`).set(learner.auth).expect(200);
    expect((await reveal()).body).toEqual({
      hints: ['Ein /24 lässt 8 Bit für Hosts.'],
      remaining: 1,
    });
    expect((await reveal()).body).toEqual({
      hints: ['Ein /24 lässt 8 Bit für Hosts.', '2 hoch 8 ist 256.'],
      remaining: 0,
    });
    expect((await reveal()).body.remaining).toBe(0);
    const { body } = await ctx.http().get(`/api/sessions/${id}`).set(learner.auth).expect(200);
    expect(body.steps[0].hintsRevealed).toBe(2);
  });

  it('moves to another step and refuses a step the lab does not have', async () => {
    const id = await startReady();
    expect((await ctx.goToStep(learner, id, 'adresse')).currentStep).toBe('adresse');
    await ctx
      .http()
      .patch(`/api/sessions/${id}`)
      .set(learner.auth)
      .send({ currentStep: 'nirgends' })
      .expect(404);
  });

  it('finishes with a summary, releases the cluster and keeps the progress', async () => {
    const id = await startReady();
    await ctx.check(learner, id, 'adresse', { answers: { 'dns-ip': '10.96.0.10' } });
    const cluster = (await ctx.http().get(`/api/sessions/${id}`).set(learner.auth)).body.cluster
      .name as string;

    const { body } = await ctx
      .http()
      .post(`/api/sessions/${id}/finish`)
      .set(learner.auth)
      .expect(200);
    expect(body.session).toMatchObject({
      status: 'finished',
      finishedAt: expect.any(String),
      cluster: { name: cluster, status: 'deleted' },
    });
    expect(body.summary).toEqual([
      {
        stepId: 'netz',
        title: 'Ein Netz lesen',
        passed: false,
        attempts: 0,
        firstAttemptAt: null,
        passedAt: null,
      },
      {
        stepId: 'adresse',
        title: 'Eine Adresse',
        passed: true,
        attempts: 1,
        firstAttemptAt: expect.any(String),
        passedAt: expect.any(String),
      },
    ]);
    expect(driver.destroyed).toContain(cluster);

    const after = await ctx.checkRequest(learner, id, 'netz').expect(409);
    expect(after.body.code).toBe('SESSION_ENDED');
  });

  it('ends a session with DELETE (204), releases its cluster and allows a new start', async () => {
    const id = await startReady();
    const cluster = (await ctx.http().get(`/api/sessions/${id}`).set(learner.auth)).body.cluster
      .name as string;
    await ctx.http().delete(`/api/sessions/${id}`).set(learner.auth).expect(204);
    expect(driver.destroyed).toContain(cluster);
    const { body } = await ctx.http().get(`/api/sessions/${id}`).set(learner.auth).expect(200);
    expect(body.status).toBe('finished');
    const next = await ctx.startSession(learner);
    expect(next.id).not.toBe(id);
    await ctx.settle();
  });

  it('retries a failed create once and then succeeds', async () => {
    driver.failCreates = 1;
    const before = driver.created.length;
    const id = await startReady();
    const { body } = await ctx.http().get(`/api/sessions/${id}`).set(learner.auth).expect(200);
    expect(body.status).toBe('ready');
    expect(driver.created.length - before).toBe(2);
  });

  it('fails with a German message after two failed creates and removes what was half made', async () => {
    driver.failCreates = 2;
    const id = await startReady();
    const { body } = await ctx.http().get(`/api/sessions/${id}`).set(learner.auth).expect(200);
    expect(body).toMatchObject({
      status: 'failed',
      message: 'Der Cluster konnte nicht erstellt werden.',
    });
    const row = await ctx.prisma.cluster.findFirstOrThrow({ where: { name: body.cluster.name } });
    expect(row).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('ERROR: failed to create cluster'),
    });
    expect(driver.destroyed.filter((n) => n === body.cluster.name)).toHaveLength(2);
  });

  it('becomes unavailable with the learner reason when preflight fails after the catalog was checked', async () => {
    const previous = driver.preflightItems;
    await ctx.http().get('/api/labs').expect(200);
    driver.preflightItems = [
      {
        id: 'kind',
        label: 'kind CLI',
        required: true,
        ok: false,
        problemDe: 'kind fehlt.',
        fixDe: 'kind installieren.',
      },
    ];
    try {
      const id = await startReady();
      const { body } = await ctx.http().get(`/api/sessions/${id}`).set(learner.auth).expect(200);
      expect(body.status).toBe('unavailable');
      expect(body.message).toBe(
        'Auf diesem Server fehlt kind, das Programm, das die Kubernetes-Cluster der Übungen erstellt. Bitte sag deiner Kursleitung Bescheid.',
      );
      expect(body.cluster).toBeNull();
      await ctx.http().get('/healthz').expect(200);
    } finally {
      driver.preflightItems = previous;
    }
  });
});

describe('Sessions of a NetworkPolicy lab (e2e, stand-in driver)', () => {
  it.each([
    {
      id: 'kind-network-policy',
      label: 'kindnet with NetworkPolicy support (kind ≥ v0.24)',
      required: false,
      ok: false,
      problemDe: 'kind v0.23.0 setzt NetworkPolicies nicht durch.',
      fixDe: 'kind auf Version 0.24.0 oder neuer aktualisieren.',
    },
    nftQueueItem({
      exitCode: 1,
      output: 'Error: Could not process rule: No such file or directory',
    }),
  ])(
    'refuses to start where $id says policies are not enforced, and says why in German',
    async (gap) => {
      const driver = new FakeEnvironmentDriver();
      driver.preflightItems = [
        { id: 'kind', label: 'kind CLI', required: true, ok: true, found: 'v0.33.0' },
        gap,
      ];
      const ctx = await createTestApp({
        drivers: [driver],
        env: { KUBELAB_LABS_DIR: path.resolve('test/fixtures/labs-netpol') },
      });
      try {
        const learner = await ctx.newLearner();
        const { body } = await ctx.startSessionRequest(learner, '01-policy').expect(409);
        expect(body.code).toBe('LAB_UNAVAILABLE');
        expect(body.message).toContain('NetworkPolicies, die wirklich durchgesetzt werden');
        // The operator's side stays on the instructor page and in doctor.
        expect(body.message).not.toContain(gap.problemDe);
        expect(body.message).not.toContain(gap.fixDe);
        expect(driver.created).toHaveLength(0);
      } finally {
        await ctx.close();
      }
    },
  );
});
