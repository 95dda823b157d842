import Docker from 'dockerode';
import { EnvironmentsRepository } from '../../src/clusters/environments.repository.js';
import { SessionReaper } from '../../src/sessions/session-reaper.js';
import { describeWithDocker } from '../support/describe-with-docker.js';
import { reconcilingContainerApp } from '../support/reconciling-app.js';
import { tempDir } from '../support/temp-dir.js';
import { ensureNetlabImage } from '../support/test-images.js';
import { createTestApp, type TestContext } from '../support/test-app.js';

/** What a crash or a Docker restart leaves, against the real engine and the real container driver. */
describeWithDocker('Container leftovers and stopped containers (e2e, real Docker engine)', () => {
  const docker = new Docker();
  const stamp = Date.now().toString(36);
  const instance = `left-${stamp}`;
  const db = tempDir('kubelab-leftovers-');
  const { env, containerOnly } = reconcilingContainerApp(instance, db.dir);
  const labelled = (of: string) => ({ 'dev.kubelab.managed': 'true', 'dev.kubelab.instance': of });
  const networkExists = async (name: string) =>
    (await docker.listNetworks({ filters: { name: [name] } })).some((n) => n.Name === name);
  const leaked = `kl-leak${stamp}`;
  const foreign = `kl-foreign${stamp}`;
  const plain = `kl-plain${stamp}`;

  afterAll(async () => {
    const left = await docker.listContainers({
      all: true,
      filters: { label: [`dev.kubelab.instance=${instance}`] },
    });
    await Promise.all(left.map((c) => docker.getContainer(c.Id).remove({ force: true })));
    for (const n of await docker.listNetworks())
      if (n.Name.includes(stamp) || n.Labels?.['dev.kubelab.instance'] === instance)
        await docker.getNetwork(n.Id).remove();
    db.cleanup();
  });

  async function startReady(ctx: TestContext, learner: { auth: { Authorization: string } }) {
    const session = await ctx.newSession(learner, '01-netz');
    expect(session.status).toBe('ready');
    return { id: session.id, name: session.cluster!.name };
  }

  it("removes at start-up this instance's networks no environment uses, and nothing else", async () => {
    await ensureNetlabImage(docker);
    const first = await createTestApp({ env, drivers: containerOnly() });
    const anna = await first.newLearner('Anna');
    const kept = await startReady(first, anna);
    await first.close({ keepEnvironments: true });

    // A crash between network and container leaves the first; the others are not ours.
    await docker.createNetwork({ Name: leaked, Internal: true, Labels: labelled(instance) });
    await docker.createNetwork({ Name: foreign, Internal: true, Labels: labelled(`${instance}x`) });
    await docker.createNetwork({ Name: plain, Internal: true });
    // Environments of older versions had a network of their own: kept while theirs lives.
    await docker.createNetwork({ Name: kept.name, Internal: true, Labels: labelled(instance) });

    const second = await createTestApp({ env, drivers: containerOnly() });
    try {
      await second.settle();
      expect(await networkExists(leaked)).toBe(false);
      expect(await networkExists(foreign)).toBe(true);
      expect(await networkExists(plain)).toBe(true);
      expect(await networkExists(kept.name)).toBe(true);
      const { body } = await second.http().get(`/api/sessions/${kept.id}`).set(anna.auth);
      expect(body.status).toBe('ready');
      await second.http().delete(`/api/sessions/${kept.id}`).set(anna.auth).expect(204);
    } finally {
      await second.close();
    }
  }, 180_000);

  it('makes a session unavailable when its container is stopped under the running server, frees it, and resumes fresh', async () => {
    const ctx = await createTestApp({ env, drivers: containerOnly() });
    try {
      await ctx.settle();
      const ben = await ctx.newLearner('Ben');
      const { id, name } = await startReady(ctx, ben);
      const slots = () => ctx.app.get(EnvironmentsRepository).countAlive();
      const slotsBefore = await slots();

      await docker.getContainer(name).stop({ t: 0 });
      expect(await ctx.app.get(SessionReaper).reapOnce()).toBe(1);

      const { body: stopped } = await ctx.http().get(`/api/sessions/${id}`).set(ben.auth);
      expect(stopped).toMatchObject({
        status: 'unavailable',
        message: expect.stringContaining('Deine Umgebung läuft nicht mehr'),
        cluster: { name, status: 'deleted' },
      });
      expect(await slots()).toBe(slotsBefore - 1);
      await expect(docker.getContainer(name).inspect()).rejects.toMatchObject({ statusCode: 404 });

      await ctx.http().post(`/api/sessions/${id}/resume`).set(ben.auth).expect(200);
      await ctx.settle();
      const { body: resumed } = await ctx.http().get(`/api/sessions/${id}`).set(ben.auth);
      expect(resumed).toMatchObject({ status: 'ready', cluster: { status: 'assigned' } });
      expect(resumed.cluster.name).not.toBe(name);
      expect((await docker.getContainer(resumed.cluster.name).inspect()).State.Running).toBe(true);
      await ctx.http().delete(`/api/sessions/${id}`).set(ben.auth).expect(204);
    } finally {
      await ctx.close();
    }
  }, 180_000);
});
