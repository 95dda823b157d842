import fs from 'node:fs';
import path from 'node:path';
import { FakeEnvironmentDriver } from '../support/fake-environment-driver.js';
import { tempDir } from '../support/temp-dir.js';
import { createTestApp, FIXTURE_LABS, type TestContext } from '../support/test-app.js';

const readyPool = (ctx: TestContext) =>
  ctx.prisma.cluster.findMany({ where: { status: 'ready' }, orderBy: { createdAt: 'asc' } });

describe('Warm pool profiles: a pooled cluster made another way is never handed out (e2e)', () => {
  const db = tempDir('kubelab-pool-profile-');
  const env = {
    DATABASE_URL: `file:${path.join(db.dir, 'kubelab.db')}`,
    KUBELAB_POOL_SIZE: '1',
    KUBELAB_POOL_LABS: '01-quiz',
  };
  afterAll(() => db.cleanup());

  it('after the node image changed, retires the old pool cluster and hands out a new one', async () => {
    const before = new FakeEnvironmentDriver();
    before.nodeImage = 'kindest/node:v1.32.0';
    const first = await createTestApp({ env, drivers: [before] });
    await first.settle();
    const [old] = await readyPool(first);
    expect(old).toBeDefined();
    // A restart: the pool's environments outlive the process.
    await first.close({ keepEnvironments: true });

    const after = new FakeEnvironmentDriver();
    after.nodeImage = 'kindest/node:v1.33.1';
    const second = await createTestApp({ env, drivers: [after] });
    try {
      await second.settle();
      const session = await second.newSession(await second.newLearner());
      expect(session.status).toBe('ready');
      expect(session.cluster!.name).not.toBe(old.name);
      expect(after.created.map((c) => c.name)).toContain(session.cluster!.name);
      expect(after.destroyed).toContain(old.name);
      const retired = await second.prisma.cluster.findUnique({ where: { id: old.id } });
      expect(retired?.status).toBe('deleted');
    } finally {
      await second.close();
    }
  }, 30_000);
});

describe('Warm pool gives its room to a waiting learner (e2e)', () => {
  const labs = tempDir('kubelab-pool-labs-');
  let ctx: TestContext;
  let driver: FakeEnvironmentDriver;

  beforeAll(async () => {
    // Two labs of different profiles: only the first is pooled.
    fs.cpSync(path.join(FIXTURE_LABS, '01-quiz'), path.join(labs.dir, '01-quiz'), {
      recursive: true,
    });
    fs.cpSync(path.join(FIXTURE_LABS, '01-quiz'), path.join(labs.dir, '02-ein-worker'), {
      recursive: true,
    });
    fs.appendFileSync(path.join(labs.dir, '02-ein-worker', 'lab.yaml'), 'cluster:\n  workers: 1\n');
    driver = new FakeEnvironmentDriver();
    ctx = await createTestApp({
      drivers: [driver],
      env: {
        KUBELAB_LABS_DIR: labs.dir,
        KUBELAB_POOL_SIZE: '2',
        KUBELAB_POOL_LABS: '01-quiz',
        KUBELAB_MAX_CLUSTERS: '2',
      },
    });
    await ctx.settle();
  });
  afterAll(async () => {
    await ctx.close();
    labs.cleanup();
  });

  it('deletes an idle pool cluster so that a learner of an unpooled lab does not wait for it', async () => {
    const pooled = await readyPool(ctx);
    expect(pooled).toHaveLength(2);
    const session = await ctx.newSession(await ctx.newLearner(), '02-ein-worker');
    expect(session.status).toBe('ready');
    expect(driver.created.at(-1)).toMatchObject({
      name: session.cluster!.name,
      cluster: { workers: 1 },
    });
    expect(driver.destroyed).toEqual([pooled[0].name]);
    expect(await readyPool(ctx)).toMatchObject([{ name: pooled[1].name }]);
    const alive = await ctx.prisma.cluster.count({
      where: { status: { in: ['ready', 'pooling', 'assigned', 'creating'] } },
    });
    expect(alive).toBe(2);
  });
});
