import { jest } from '@jest/globals';
import { EnvironmentsRepository } from '../../src/clusters/environments.repository.js';
import { SessionReaper } from '../../src/sessions/session-reaper.js';
import { standInAppForSuite } from '../support/test-app-for-suite.js';

describe('Environments that stopped running (e2e, stand-in driver, fake clock)', () => {
  const { ctx, driver } = standInAppForSuite();

  const reapOnce = () => ctx.app.get(SessionReaper).reapOnce();
  const slotsTaken = () => ctx.app.get(EnvironmentsRepository).countAlive();

  async function readySessions(count: number) {
    const started = [];
    for (let i = 0; i < count; i++) {
      const learner = await ctx.newLearner(`Lernende ${i}`);
      const session = await ctx.newSession(learner);
      expect(session.status).toBe('ready');
      started.push({ learner, id: session.id, cluster: session.cluster!.name });
    }
    return started;
  }

  it('makes a ready session whose environment stopped unavailable and frees it, with one listing per sweep', async () => {
    const [first, stopped, third] = await readySessions(3);
    const slotsBefore = await slotsTaken();
    driver.stopped.add(stopped.cluster);
    const listsBefore = driver.listCalls;

    expect(await reapOnce()).toBe(1);

    expect(driver.listCalls - listsBefore).toBe(1);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body, asserted field by field
    const view = async (s: typeof first): Promise<any> =>
      (await ctx.http().get(`/api/sessions/${s.id}`).set(s.learner.auth).expect(200)).body;
    expect(await view(stopped)).toMatchObject({
      status: 'unavailable',
      message: expect.stringContaining('Deine Umgebung läuft nicht mehr'),
      cluster: { name: stopped.cluster, status: 'deleted' },
    });
    expect(driver.destroyed).toContain(stopped.cluster);
    expect(await slotsTaken()).toBe(slotsBefore - 1);
    expect((await view(first)).status).toBe('ready');
    expect((await view(third)).status).toBe('ready');

    // "Fortsetzen" gives a fresh environment.
    await ctx
      .http()
      .post(`/api/sessions/${stopped.id}/resume`)
      .set(stopped.learner.auth)
      .expect(200);
    await ctx.settle();
    const resumed = await view(stopped);
    expect(resumed.status).toBe('ready');
    expect(resumed.cluster.name).not.toBe(stopped.cluster);
    expect(await reapOnce()).toBe(0);
  });

  it('judges nothing while the environments cannot be listed (Docker restarting)', async () => {
    const [session] = await readySessions(1);
    driver.stopped.add(session.cluster);
    const list = jest.spyOn(driver, 'list').mockRejectedValueOnce(new Error('connect ENOENT'));
    try {
      expect(await reapOnce()).toBe(0);
      const { body } = await ctx
        .http()
        .get(`/api/sessions/${session.id}`)
        .set(session.learner.auth);
      expect(body.status).toBe('ready');
    } finally {
      list.mockRestore();
    }
    // Docker is back, the container did not come back with it.
    expect(await reapOnce()).toBe(1);
  });

  it('does not list anything when no session is ready', async () => {
    await ctx.prisma.labSession.updateMany({
      where: { status: 'ready' },
      data: { status: 'finished' },
    });
    const listsBefore = driver.listCalls;
    expect(await reapOnce()).toBe(0);
    expect(driver.listCalls).toBe(listsBefore);
  });
});
