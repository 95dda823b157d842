import path from 'node:path';
import { EngineHealth, ENGINE_LOST_MESSAGE } from '../../src/clusters/engines/engine-health.js';
import { WarmPool } from '../../src/clusters/pool/warm-pool.js';
import { FakeEnvironmentDriver } from '../support/fake-environment-driver.js';
import { PingingEngine } from '../support/pinging-engine.js';
import { tempDir } from '../support/temp-dir.js';
import {
  createTestApp,
  INSTRUCTOR_AUTH as instructor,
  type TestContext,
  type TestLearner,
} from '../support/test-app.js';

/**
 * Two Docker engines (stand-ins that answer pings on unix sockets; environments from the
 * stand-in driver, which records the engine each was made on): placement, a lost engine's
 * sessions, Fortsetzen on the other engine with progress, and the clean-up when it is back.
 */
describe('Several Docker engines (e2e, stand-in engines and driver)', () => {
  const dir = tempDir('kubelab-engines-');
  const a = new PingingEngine(path.join(dir.dir, 'a.sock'));
  const b = new PingingEngine(path.join(dir.dir, 'b.sock'));
  const A = `unix://${a.socket}`;
  const B = `unix://${b.socket}`;
  let driver: FakeEnvironmentDriver;
  let ctx: TestContext;
  let health: EngineHealth;

  beforeAll(async () => {
    await Promise.all([a.listen(), b.listen()]);
  });

  beforeEach(async () => {
    a.answering = true;
    b.answering = true;
    driver = new FakeEnvironmentDriver();
    ctx = await createTestApp({
      env: {
        KUBELAB_DOCKER_HOSTS: `a=${A}?capacity=3 b=${B}?capacity=3`,
        KUBELAB_ENGINE_LOST_AFTER: '2',
      },
      drivers: [driver],
    });
    health = ctx.app.get(EngineHealth);
  });

  afterEach(() => ctx.close());

  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    dir.cleanup();
  });

  const engineOf = (name: string) => driver.created.find((c) => c.name === name)?.dockerEndpoint;

  async function readySessions(count: number): Promise<{ learner: TestLearner; id: string }[]> {
    const started: { learner: TestLearner; id: string }[] = [];
    for (let i = 0; i < count; i++) {
      const learner = await ctx.newLearner(`Lernende ${i + 1}`);
      const session = await ctx.newSession(learner);
      expect(session.status).toBe('ready');
      started.push({ learner, id: session.id });
    }
    return started;
  }

  async function loseEngine(engine: PingingEngine): Promise<void> {
    engine.answering = false;
    await health.checkNow();
    await health.checkNow();
  }

  it('places each environment on the engine with the most free room, the first named on a tie', async () => {
    await readySessions(4);
    expect(driver.created.map((c) => c.dockerEndpoint)).toEqual([A, B, A, B]);
    const { body } = await ctx.http().get('/api/instructor/overview').set(instructor).expect(200);
    expect(body.capacity.engines).toEqual([
      expect.objectContaining({ name: 'a', state: 'up', capacity: 3, environments: 2, free: 1 }),
      expect.objectContaining({ name: 'b', state: 'up', capacity: 3, environments: 2, free: 1 }),
    ]);
    expect(
      body.sessions.map((s: { cluster: { engine: string } }) => s.cluster.engine).sort(),
    ).toEqual(['a', 'a', 'b', 'b']);
  });

  it('queues learners beyond the sum of the capacities, one queue over both engines', async () => {
    await readySessions(6);
    const waiting = await ctx.newLearner('Siebte');
    const queued = await ctx.startSession(waiting);
    await ctx.settle();
    expect(await ctx.session(waiting, queued.id)).toMatchObject({
      status: 'queued',
      message: expect.stringContaining('Position 1 der Warteschlange'),
    });
  });

  it('makes a lost engine’s sessions unavailable, resumes them on the other with progress, and cleans up when it is back', async () => {
    const sessions = await readySessions(4);
    for (const { learner, id } of sessions)
      await ctx.check(learner, id, 'adresse', { answers: { 'dns-ip': '10.96.0.10' } });
    const onB = [];
    for (const s of sessions) {
      const view = await ctx.session(s.learner, s.id);
      if (engineOf(view.cluster!.name) === B) onB.push({ ...s, cluster: view.cluster!.name });
    }
    expect(onB).toHaveLength(2);

    await loseEngine(b);
    for (const s of sessions) {
      const view = await ctx.session(s.learner, s.id);
      const lost = onB.some((x) => x.id === s.id);
      expect(view.status).toBe(lost ? 'unavailable' : 'ready');
      if (lost) expect(view.message).toBe(ENGINE_LOST_MESSAGE);
    }
    // Nothing was asked of the lost engine: its environments wait for it to come back.
    expect(driver.destroyed).toEqual([]);
    let overview = (await ctx.http().get('/api/instructor/overview').set(instructor).expect(200))
      .body;
    expect(overview.capacity.engines[1]).toMatchObject({
      name: 'b',
      state: 'lost',
      environments: 0,
      free: 0,
      lost: 2,
      lastError: expect.any(String),
    });

    // „Fortsetzen“: a new environment on a, the passed step replayed there.
    const [first, second] = onB;
    await ctx.http().post(`/api/sessions/${first.id}/resume`).set(first.learner.auth).expect(200);
    await ctx.settle();
    const resumed = await ctx.session(first.learner, first.id);
    expect(resumed.status).toBe('ready');
    expect(engineOf(resumed.cluster!.name)).toBe(A);
    expect(resumed.steps.find((s) => s.id === 'adresse')?.passed).toBe(true);
    expect(driver.executed.filter((e) => e.cluster === resumed.cluster!.name)).toHaveLength(1);

    // a is full now (3 of 3), b is lost: the second learner waits in the queue.
    await ctx.http().post(`/api/sessions/${second.id}/resume`).set(second.learner.auth).expect(200);
    await ctx.settle();
    expect((await ctx.session(second.learner, second.id)).status).toBe('queued');

    // b answers again: what was left there goes, and its room takes the waiting learner.
    b.answering = true;
    await health.checkNow();
    await ctx.settle();
    expect(driver.destroyed.sort()).toEqual(onB.map((x) => x.cluster).sort());
    const lostRows = await ctx.prisma.cluster.count({ where: { status: 'lost' } });
    expect(lostRows).toBe(0);
    const back = await ctx.session(second.learner, second.id);
    expect(back.status).toBe('ready');
    expect(engineOf(back.cluster!.name)).toBe(B);
    overview = (await ctx.http().get('/api/instructor/overview').set(instructor).expect(200)).body;
    expect(overview.capacity.engines[1]).toMatchObject({ state: 'up', environments: 1, lost: 0 });
  });

  it('gives a creation hanging on an engine up when the engine is lost, and the session is unavailable', async () => {
    const open = driver.hold();
    try {
      const learner = await ctx.newLearner();
      const started = await ctx.startSession(learner);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(driver.created.map((c) => c.dockerEndpoint)).toEqual([A]);
      await loseEngine(a);
      await ctx.settle();
      expect(await ctx.session(learner, started.id)).toMatchObject({
        status: 'unavailable',
        message: ENGINE_LOST_MESSAGE,
      });
      // Fortsetzen goes to b while a stays lost.
      open();
      await ctx.http().post(`/api/sessions/${started.id}/resume`).set(learner.auth).expect(200);
      await ctx.settle();
      const resumed = await ctx.session(learner, started.id);
      expect(resumed.status).toBe('ready');
      expect(engineOf(resumed.cluster!.name)).toBe(B);
    } finally {
      open();
    }
  });

  it('keeps KUBELAB_POOL_SIZE warm environments on every answering engine, and refills a returning one', async () => {
    await ctx.close();
    driver = new FakeEnvironmentDriver();
    ctx = await createTestApp({
      env: {
        KUBELAB_DOCKER_HOSTS: `a=${A}?capacity=3 b=${B}?capacity=3`,
        KUBELAB_ENGINE_LOST_AFTER: '2',
        KUBELAB_POOL_SIZE: '1',
        KUBELAB_POOL_LABS: '01-quiz',
      },
      drivers: [driver],
    });
    health = ctx.app.get(EngineHealth);
    const pooled = () =>
      ctx.prisma.cluster.findMany({
        where: { status: 'ready' },
        select: { dockerEndpoint: true },
        orderBy: { dockerEndpoint: 'asc' },
      });
    const pool = ctx.app.get(WarmPool);
    pool.refill();
    await pool.whenIdle();
    expect(await pooled()).toEqual([{ dockerEndpoint: A }, { dockerEndpoint: B }]);

    // b is lost: its warm environment goes with it, a keeps its one (no second one on a).
    await loseEngine(b);
    await pool.whenIdle();
    expect(await pooled()).toEqual([{ dockerEndpoint: A }]);

    // A learner takes a's; the pool refills a, not beyond one.
    const learner = await ctx.newLearner();
    const session = await ctx.newSession(learner);
    expect(engineOf(session.cluster!.name)).toBe(A);
    await pool.whenIdle();
    expect(await pooled()).toEqual([{ dockerEndpoint: A }]);

    b.answering = true;
    await health.checkNow();
    await pool.whenIdle();
    expect(await pooled()).toEqual([{ dockerEndpoint: A }, { dockerEndpoint: B }]);
  });
});
