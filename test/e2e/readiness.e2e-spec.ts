import { INSTRUCTOR_AUTH } from '../support/test-app.js';
import { testAppForSuite } from '../support/test-app-for-suite.js';

describe('Readiness (e2e)', () => {
  const ctx = testAppForSuite();

  it('tells anonymous callers only whether the server is ready', async () => {
    const { body } = await ctx.http().get('/readyz').expect(200);
    expect(body).toEqual({ ready: true });
  });

  it('tells a learner no more than that', async () => {
    const learner = await ctx.newLearner();
    const { body } = await ctx.http().get('/readyz').set(learner.auth).expect(200);
    expect(body).toEqual({ ready: true });
  });

  it('gives the instructor the full detail', async () => {
    const { body } = await ctx.http().get('/readyz').set(INSTRUCTOR_AUTH).expect(200);
    expect(body).toMatchObject({
      ready: true,
      database: true,
      labs: { loaded: true, count: 1, problems: 2 },
      drivers: { kind: { ok: false, items: expect.any(Array) } },
    });
  });
});
