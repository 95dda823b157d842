import { SessionReaper } from '../../src/sessions/session-reaper.js';
import { FakeEnvironmentDriver } from '../support/fake-environment-driver.js';
import type { TestLearner as Learner } from '../support/test-app.js';
import { testAppForSuite } from '../support/test-app-for-suite.js';

describe('Warm pool (e2e, stand-in driver)', () => {
  const driver = new FakeEnvironmentDriver();
  const ctx = testAppForSuite({
    drivers: [driver],
    env: { KUBELAB_POOL_SIZE: '2', KUBELAB_POOL_LABS: '01-quiz', KUBELAB_MAX_CLUSTERS: '3' },
  });
  beforeAll(() => ctx.settle());

  const pool = () =>
    ctx.prisma.cluster.findMany({ where: { status: 'ready' }, orderBy: { createdAt: 'asc' } });

  it('fills the pool at start-up', async () => {
    expect(await pool()).toHaveLength(2);
    expect(driver.created).toHaveLength(2);
  });

  it('hands a learner a pooled cluster without creating one, then refills', async () => {
    const [oldest] = await pool();
    const learner = await ctx.newLearner();
    const created = driver.created.length;
    const session = await ctx.newSession(learner);
    expect(session).toMatchObject({
      status: 'ready',
      cluster: { name: oldest.name, status: 'assigned' },
    });
    expect(driver.created).toHaveLength(created + 1);
    expect(await pool()).toHaveLength(2);
  });

  it('stops refilling at KUBELAB_MAX_CLUSTERS and queues learners beyond it, first come first served', async () => {
    const [a, b, c, d] = await Promise.all(['A', 'B', 'C', 'D'].map((n) => ctx.newLearner(n)));
    const created = driver.created.length;
    const first = await ctx.newSession(a);
    const second = await ctx.newSession(b);
    expect([first.status, second.status]).toEqual(['ready', 'ready']);
    expect(await pool()).toHaveLength(0);

    const third = await ctx.newSession(c);
    const fourth = await ctx.newSession(d);
    expect(third).toMatchObject({
      status: 'queued',
      message: 'Alle Übungsumgebungen sind gerade belegt. Du bist an Position 1 der Warteschlange.',
      cluster: null,
    });
    expect(fourth).toMatchObject({
      status: 'queued',
      message: expect.stringContaining('Position 2'),
    });
    expect(await alive()).toBe(3);
    expect(driver.created).toHaveLength(created);

    // A frees room: it goes to C (first in line), not to the pool and not to D.
    await ctx.http().delete(`/api/sessions/${first.id}`).set(a.auth).expect(204);
    await ctx.settle();
    expect(await view(c, third.id)).toMatchObject({
      status: 'ready',
      cluster: { status: 'assigned' },
    });
    expect(await view(d, fourth.id)).toMatchObject({
      status: 'queued',
      message: expect.stringContaining('Position 1'),
    });
    expect(await alive()).toBe(3);
    expect(await pool()).toHaveLength(0);

    await ctx.http().delete(`/api/sessions/${second.id}`).set(b.auth).expect(204);
    await ctx.settle();
    expect(await view(d, fourth.id)).toMatchObject({ status: 'ready' });
    expect(await alive()).toBe(3);
  });

  it('refills the pool once room comes free and nobody waits', async () => {
    const live = await ctx.prisma.labSession.findMany({ where: { status: 'ready' } });
    expect(await pool()).toHaveLength(0);
    for (const session of live)
      await ctx.prisma.labSession.update({
        where: { id: session.id },
        data: { expiresAt: new Date(0) },
      });
    const reaped = await ctx.app.get(SessionReaper).reapOnce();
    expect(reaped).toBe(live.length);
    await ctx.settle();
    expect(await pool()).toHaveLength(2);
    expect(await alive()).toBe(2);
  });

  const alive = () =>
    ctx.prisma.cluster.count({
      where: { status: { in: ['ready', 'pooling', 'assigned', 'creating'] } },
    });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body, asserted field by field
  const view = async (learner: Learner, id: string): Promise<any> =>
    (await ctx.http().get(`/api/sessions/${id}`).set(learner.auth).expect(200)).body;
});
