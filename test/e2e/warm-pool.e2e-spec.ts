import { FakeClusterDriver } from '../support/fake-cluster-driver.js';
import { createTestApp, type TestContext } from '../support/test-app.js';

describe('Warm pool (e2e, stand-in driver)', () => {
  let ctx: TestContext;
  let driver: FakeClusterDriver;

  beforeAll(async () => {
    driver = new FakeClusterDriver();
    ctx = await createTestApp({
      drivers: [driver],
      env: { KUBELAB_POOL_SIZE: '2', KUBELAB_POOL_LABS: '01-quiz', KUBELAB_MAX_CLUSTERS: '3' },
    });
    await ctx.settle();
  });
  afterAll(() => ctx.close());

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
    const { body } = await ctx
      .http()
      .post('/api/sessions')
      .set(learner.auth)
      .send({ labId: '01-quiz' })
      .expect(201);
    await ctx.settle();
    const { body: session } = await ctx
      .http()
      .get(`/api/sessions/${body.id}`)
      .set(learner.auth)
      .expect(200);
    expect(session).toMatchObject({
      status: 'ready',
      cluster: { name: oldest.name, status: 'assigned' },
    });
    expect(driver.created).toHaveLength(created + 1);
    expect(await pool()).toHaveLength(2);
  });

  it('stops refilling at KUBELAB_MAX_CLUSTERS and creates for learners directly when the pool is empty', async () => {
    const learners = await Promise.all([
      ctx.newLearner('A'),
      ctx.newLearner('B'),
      ctx.newLearner('C'),
    ]);
    for (const learner of learners) {
      await ctx
        .http()
        .post('/api/sessions')
        .set(learner.auth)
        .send({ labId: '01-quiz' })
        .expect(201);
      await ctx.settle();
    }
    const sessions = await ctx.prisma.labSession.findMany({ where: { status: 'ready' } });
    expect(sessions).toHaveLength(4);
    const alive = await ctx.prisma.cluster.count({
      where: { status: { in: ['ready', 'pooling', 'assigned', 'creating'] } },
    });
    expect(alive).toBe(4);
    expect(await pool()).toHaveLength(0);
  });
});
