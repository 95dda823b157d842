import { EnvironmentsRepository } from '../../src/clusters/environments.repository.js';
import { SessionReaper } from '../../src/sessions/session-reaper.js';
import { SessionsRepository } from '../../src/sessions/sessions.repository.js';
import { holdCallsUntilAll } from '../support/barrier.js';
import type { TestLearner as Learner } from '../support/test-app.js';
import { standInAppForSuite } from '../support/test-app-for-suite.js';

const PARALLEL = 5;

/**
 * Requests fired together through HTTP, as double clicks and a second browser tab send them.
 * better-sqlite3 answers without real I/O, so one request could run its read and write before
 * the next one's body is parsed and the race would hide; a barrier holds the reads until every
 * request has made its own, as Docker I/O (releasing an old environment) interleaves them in
 * production.
 */
describe('Parallel starts and resumes (e2e, stand-in driver, fake clock)', () => {
  const { ctx, driver, clock } = standInAppForSuite({
    KUBELAB_IDLE_MINUTES: '30',
    KUBELAB_MAX_CLUSTERS: '10',
  });
  let learner: Learner;
  beforeEach(async () => {
    learner = await ctx.newLearner();
  });

  /** What KUBELAB_MAX_CLUSTERS is counted against. */
  const slotsTaken = () => ctx.app.get(EnvironmentsRepository).countAlive();
  const liveSessions = () =>
    ctx.prisma.labSession.count({
      where: { learnerId: learner.id, status: { in: ['queued', 'provisioning', 'ready'] } },
    });

  it('gives one live session and one environment for parallel starts of the same lab', async () => {
    const createdBefore = driver.created.length;
    const slotsBefore = await slotsTaken();

    // Every request has looked for a live session before any of them writes one.
    const restore = holdCallsUntilAll(ctx.app.get(SessionsRepository), 'findLive', PARALLEL);
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        ctx.http().post('/api/sessions').set(learner.auth).send({ labId: '01-quiz' }),
      ),
    ).finally(restore);
    await ctx.settle();

    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    const ids = new Set(responses.map((r) => (r.body as { id: string }).id));
    expect(ids.size).toBe(1);
    expect(await liveSessions()).toBe(1);
    expect(driver.created.length - createdBefore).toBe(1);
    expect((await slotsTaken()) - slotsBefore).toBe(1);
    await ctx
      .http()
      .delete(`/api/sessions/${[...ids][0]}`)
      .set(learner.auth)
      .expect(204);
  });

  it('gives one environment for parallel resumes, none left behind holding a slot', async () => {
    const ready = await ctx.newSession(learner);
    clock.advanceMinutes(31);
    await ctx.app.get(SessionReaper).reapOnce();
    const slotsBefore = await slotsTaken();
    const createdBefore = driver.created.length;

    // Every request has read the session as expired before any of them reopens it.
    const restore = holdCallsUntilAll(ctx.app.get(SessionsRepository), 'findById', PARALLEL);
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        ctx.http().post(`/api/sessions/${ready.id}/resume`).set(learner.auth),
      ),
    ).finally(restore);
    await ctx.settle();

    expect(responses.map((r) => r.status)).toEqual(Array(PARALLEL).fill(200));
    expect(driver.created.length - createdBefore).toBe(1);
    expect((await slotsTaken()) - slotsBefore).toBe(1);
    const { body } = await ctx.http().get(`/api/sessions/${ready.id}`).set(learner.auth);
    expect(body).toMatchObject({ status: 'ready', cluster: { name: driver.created.at(-1)!.name } });
    await ctx.http().delete(`/api/sessions/${ready.id}`).set(learner.auth).expect(204);
    expect(await slotsTaken()).toBe(slotsBefore);
  });

  it('refuses to resume an old session while another one of the same lab is live (409, German)', async () => {
    const old = await ctx.newSession(learner);
    clock.advanceMinutes(31);
    await ctx.app.get(SessionReaper).reapOnce();
    const current = await ctx.newSession(learner);
    const createdBefore = driver.created.length;

    const { body } = await ctx
      .http()
      .post(`/api/sessions/${old.id}/resume`)
      .set(learner.auth)
      .expect(409);

    expect(body).toMatchObject({
      code: 'LAB_SESSION_LIVE',
      message: expect.stringContaining('schon in einer anderen Sitzung offen'),
    });
    expect(driver.created.length).toBe(createdBefore);
    const { body: after } = await ctx.http().get(`/api/sessions/${old.id}`).set(learner.auth);
    expect(after.status).toBe('expired');
    await ctx.http().delete(`/api/sessions/${current.id}`).set(learner.auth).expect(204);
  });
});
