import path from 'node:path';
import { PrismaService } from '../../src/prisma/prisma.service.js';
import { SessionReaper } from '../../src/sessions/session-reaper.js';
import { FakeEnvironmentDriver } from '../support/fake-environment-driver.js';
import { tempDir } from '../support/temp-dir.js';
import { createTestApp, type TestLearner as Learner } from '../support/test-app.js';
import { standInAppForSuite } from '../support/test-app-for-suite.js';

describe('Session lifetimes, reaper and resume (e2e, stand-in driver, fake clock)', () => {
  const { ctx, driver, clock } = standInAppForSuite({
    KUBELAB_IDLE_MINUTES: '30',
    KUBELAB_MAX_SESSION_MINUTES: '240',
  });
  let learner: Learner;
  beforeEach(async () => {
    learner = await ctx.newLearner();
  });

  const reaper = () => ctx.app.get(SessionReaper);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body, asserted field by field
  const session = (id: string): Promise<any> => ctx.session(learner, id);

  async function startReady(): Promise<{ id: string; cluster: string }> {
    const ready = await ctx.newSession(learner);
    expect(ready.status).toBe('ready');
    return { id: ready.id, cluster: ready.cluster!.name };
  }

  it('expires an idle session, deletes its cluster and keeps its progress', async () => {
    const { id, cluster } = await startReady();
    await ctx.check(learner, id, 'adresse', { answers: { 'dns-ip': '10.96.0.10' } });

    clock.advanceMinutes(29);
    expect(await reaper().reapOnce()).toBe(0);
    expect((await session(id)).status).toBe('ready');

    clock.advanceMinutes(2);
    expect(await reaper().reapOnce()).toBe(1);
    const expired = await session(id);
    expect(expired.status).toBe('expired');
    expect(expired.message).toContain('zu lange inaktiv');
    expect(expired.steps[1]).toMatchObject({ id: 'adresse', passed: true });
    expect(driver.destroyed).toContain(cluster);
  });

  it('counts a check as activity', async () => {
    const { id } = await startReady();
    clock.advanceMinutes(20);
    await ctx.check(learner, id, 'netz');
    clock.advanceMinutes(20);
    await reaper().reapOnce();
    expect((await session(id)).status).toBe('ready');
    await ctx.http().delete(`/api/sessions/${id}`).set(learner.auth).expect(204);
  });

  it('does not count choosing a step (PATCH) as activity', async () => {
    const { id } = await startReady();
    clock.advanceMinutes(20);
    await ctx.goToStep(learner, id, 'adresse');
    clock.advanceMinutes(11);
    expect(await reaper().reapOnce()).toBe(1);
    const expired = await session(id);
    expect(expired.status).toBe('expired');
    expect(expired.message).toContain('zu lange inaktiv');
    expect(expired.currentStep).toBe('adresse');
  });

  it('ends a session at its maximum lifetime even when it is active', async () => {
    const { id } = await startReady();
    for (let minutes = 0; minutes < 240; minutes += 20) {
      clock.advanceMinutes(20);
      // The last one comes when the lifetime is over already (409).
      await ctx.checkRequest(learner, id, 'netz');
    }
    await reaper().reapOnce();
    const expired = await session(id);
    expect(expired.status).toBe('expired');
    expect(expired.message).toContain('maximale Laufzeit');
  });

  it('never writes on a read: a session past its lifetime stays as stored until a write or the reaper', async () => {
    const { id, cluster } = await startReady();
    const prisma = ctx.app.get(PrismaService);
    const rows = async () => ({
      session: await prisma.labSession.findUnique({ where: { id } }),
      clusters: await prisma.cluster.findMany({ orderBy: { id: 'asc' } }),
    });
    clock.advanceMinutes(241);
    const before = await rows();

    for (const path of [
      `/api/sessions/${id}`,
      '/api/sessions',
      `/api/sessions/${id}/steps/netz`,
      `/api/sessions/${id}/events`,
      `/api/sessions/${id}/auto-check`,
    ])
      await ctx.http().get(path).set(learner.auth).expect(200);

    expect(await rows()).toEqual(before);
    expect(before.session?.status).toBe('ready');
    expect(driver.destroyed).not.toContain(cluster);

    const { body } = await ctx.checkRequest(learner, id, 'netz').expect(409);
    expect(body.code).toBe('SESSION_ENDED');
    expect((await session(id)).status).toBe('expired');
    expect(driver.destroyed).toContain(cluster);
  });

  it('resumes an expired session on a fresh cluster and replays the passed steps', async () => {
    const { id, cluster } = await startReady();
    await ctx.check(learner, id, 'adresse', { answers: { 'dns-ip': '10.96.0.10' } });
    clock.advanceMinutes(31);
    await reaper().reapOnce();

    const open = driver.hold();
    try {
      const { body } = await ctx
        .http()
        .post(`/api/sessions/${id}/resume`)
        .set(learner.auth)
        .expect(200);
      expect(['queued', 'provisioning']).toContain(body.status);
      expect(body.cluster?.name).not.toBe(cluster);
    } finally {
      open();
    }
    await ctx.settle();
    const resumed = await session(id);
    expect(resumed.status).toBe('ready');
    expect(resumed.cluster.name).not.toBe(cluster);
    expect(resumed.steps.map((s: { passed: boolean }) => s.passed)).toEqual([false, true]);
    const replayed = driver.executed.filter((e) => e.cluster === resumed.cluster.name);
    expect(replayed).toEqual([
      {
        cluster: resumed.cluster.name,
        node: 'control-plane',
        argv: ['bash', '-s'],
        stdin:
          'export KUBECONFIG=/etc/kubernetes/admin.conf\nknoten() { shift; "$@"; }\n#!/usr/bin/env bash\necho 10.96.0.10\n',
      },
    ]);
    expect(new Date(resumed.expiresAt).getTime()).toBe(clock.now().getTime() + 240 * 60_000);
    // What the replay made is no work of the next step: its checks count from the new ready time.
    const row = await ctx.prisma.labSession.findUniqueOrThrow({
      where: { id },
      select: { readyAt: true, steps: { select: { stepId: true, passedAt: true } } },
    });
    const passedAt = row.steps.find((s) => s.passedAt)?.passedAt;
    expect(row.readyAt).toEqual(clock.now());
    expect(passedAt!.getTime()).toBeLessThan(row.readyAt!.getTime());
  });

  it('does not resume a finished session, and leaves a live one as it is', async () => {
    const { id } = await startReady();
    const live = await ctx.http().post(`/api/sessions/${id}/resume`).set(learner.auth).expect(200);
    expect(live.body.status).toBe('ready');
    await ctx.http().post(`/api/sessions/${id}/finish`).set(learner.auth).expect(200);
    const { body } = await ctx
      .http()
      .post(`/api/sessions/${id}/resume`)
      .set(learner.auth)
      .expect(409);
    expect(body.code).toBe('SESSION_ENDED');
  });

  it('pushes progress as server-sent events until the session is ready', async () => {
    const open = driver.hold();
    const body = await ctx.startSession(learner);
    const stranger = await ctx.newLearner('Fremd');
    await ctx.http().get(`/api/sessions/${body.id}/events`).set(stranger.auth).expect(404);
    const timer = setTimeout(open, 1500);
    try {
      const response = await ctx
        .http()
        .get(`/api/sessions/${body.id}/events`)
        .set(learner.auth)
        .expect(200);
      expect(response.headers['content-type']).toContain('text/event-stream');
      const events = response.text
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map(
          (line) =>
            JSON.parse(line.slice(6)) as {
              status: string;
              message: string;
              elapsedSeconds: number;
            },
        );
      expect(events[0]).toMatchObject({
        status: 'provisioning',
        message: 'Schritt 1 von 2: Knoten werden vorbereitet',
      });
      expect(events.at(-1)).toMatchObject({ status: 'ready' });
      expect(events.every((e) => typeof e.elapsedSeconds === 'number')).toBe(true);
    } finally {
      clearTimeout(timer);
      open();
    }
    await ctx.settle();
  });

  it('tells a learner waiting for a creation slot their queue position', async () => {
    const open = driver.hold();
    const other = await ctx.newLearner('Zweite');
    const first = await ctx.startSession(learner);
    const second = await ctx.startSession(other);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await session(first.id)).status).toBe('provisioning');
    const waiting = await ctx.session(other, second.id);
    expect(waiting).toMatchObject({
      status: 'queued',
      message: 'Du bist an Position 1 der Warteschlange.',
    });
    open();
    await ctx.settle();
    expect((await session(first.id)).status).toBe('ready');
  });
});

describe('Start-up recovery after a crash (e2e, stand-in driver)', () => {
  const db = tempDir('kubelab-crash-');
  const env = {
    DATABASE_URL: `file:${path.join(db.dir, 'kubelab.db')}`,
    KUBELAB_RECONCILE: 'true',
  };
  afterAll(() => db.cleanup());

  it('restarts a creation a crash interrupted, replaying passed steps, and deletes the half-made cluster', async () => {
    const driver = new FakeEnvironmentDriver();
    const before = await createTestApp({ env, drivers: [driver] });
    const learner = await before.newLearner();
    const body = await before.newSession(learner);
    await before.check(learner, body.id, 'adresse', { answers: { 'dns-ip': '10.96.0.10' } });
    const halfMade = body.cluster!.name;
    // What the database looks like when the server dies in the middle of a creation.
    await before.prisma.labSession.update({
      where: { id: body.id },
      data: { status: 'provisioning' },
    });
    await before.close({ keepEnvironments: true });
    // An instructor's `labs:test` cluster on the same host, made while the server was down.
    const labTest = 'kl-labtest-0a1b2c';
    driver.created.push({ ...driver.created[0], name: labTest });

    const after = await createTestApp({ env, drivers: [driver] });
    try {
      await after.settle();
      const { body: session } = await after
        .http()
        .get(`/api/sessions/${body.id}`)
        .set(learner.auth)
        .expect(200);
      expect(session.status).toBe('ready');
      expect(session.cluster.name).not.toBe(halfMade);
      expect(driver.destroyed).toContain(halfMade);
      // labs:test's clusters are its own to delete.
      expect(driver.destroyed).not.toContain(labTest);
      expect(driver.executed.filter((e) => e.cluster === session.cluster.name)).toHaveLength(1);
    } finally {
      await after.close();
    }
  });
});
