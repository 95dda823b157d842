import { Clock } from '../../src/common/adapters/clock.js';
import { FakeClock } from '../support/fake-clock.js';
import type { TestContext } from '../support/test-app.js';
import { standInAppForSuite, testAppForSuite } from '../support/test-app-for-suite.js';

const signUp = (ctx: TestContext, address?: string) => {
  const post = ctx.http().post('/api/learners');
  return (address ? post.set('X-Forwarded-For', address) : post).send({ name: 'Lea' });
};

function expectRateLimited(
  response: { status: number; headers: Record<string, string>; body: unknown },
  message: string,
  retryAfter: string,
) {
  expect(response.status).toBe(429);
  expect(response.headers['retry-after']).toBe(retryAfter);
  expect(response.body).toEqual({ statusCode: 429, code: 'RATE_LIMITED', message });
}

describe('Rate limits (e2e)', () => {
  describe('sign-ups behind a trusted proxy', () => {
    const clock = new FakeClock();
    const ctx = testAppForSuite({
      env: {
        KUBELAB_RATE_SIGNUPS_PER_IP: '2/h',
        KUBELAB_RATE_SIGNUPS: '3/h',
        KUBELAB_TRUST_PROXY: 'loopback',
      },
      overrides: [{ provide: Clock, useValue: clock }],
    });

    it('counts per client address and in total, and refills over time', async () => {
      await signUp(ctx, '203.0.113.1').expect(201);
      await signUp(ctx, '203.0.113.1').expect(201);
      const before = await ctx.prisma.learner.count();
      expectRateLimited(
        await signUp(ctx, '203.0.113.1'),
        'Gerade melden sich sehr viele an. Bitte versuche es in 30 Minuten noch einmal.',
        '1800',
      );
      expect(await ctx.prisma.learner.count()).toBe(before);

      await signUp(ctx, '203.0.113.2').expect(201);
      // Three sign-ups in total are used up, whatever the address.
      expectRateLimited(
        await signUp(ctx, '203.0.113.3'),
        'Gerade melden sich sehr viele an. Bitte versuche es in 20 Minuten noch einmal.',
        '1200',
      );

      clock.advanceMinutes(20);
      await signUp(ctx, '203.0.113.3').expect(201);
    });
  });

  describe('sign-ups without a trusted proxy', () => {
    const ctx = testAppForSuite({
      env: { KUBELAB_RATE_SIGNUPS_PER_IP: '1/h' },
      overrides: [{ provide: Clock, useValue: new FakeClock() }],
    });

    it('ignores X-Forwarded-For, so a client cannot pose as many', async () => {
      await signUp(ctx, '203.0.113.1').expect(201);
      expect((await signUp(ctx, '203.0.113.2')).status).toBe(429);
    });
  });

  describe('session starts and checks', () => {
    const { ctx } = standInAppForSuite({
      KUBELAB_RATE_SESSION_STARTS: '2/h',
      KUBELAB_RATE_CHECKS: '2/min',
    });

    const start = (learner: { auth: { Authorization: string } }) =>
      ctx.http().post('/api/sessions').set(learner.auth).send({ labId: '01-quiz' });

    it('limits how often one learner starts an environment', async () => {
      const lea = await ctx.newLearner('Lea');
      await start(lea).expect(201);
      await start(lea).expect(200);
      expectRateLimited(
        await start(lea),
        'Du hast in kurzer Zeit sehr viele Umgebungen gestartet. Bitte warte 30 Minuten, bevor du die nächste startest.',
        '1800',
      );
      await start(await ctx.newLearner('Ben')).expect(201);
    });

    it('limits "Prüfen" per learner and session', async () => {
      const ada = await ctx.newLearner('Ada');
      const id = (await ctx.newSession(ada)).id;
      const check = () =>
        ctx.checkRequest(ada, id, 'netz', {
          answers: { groesse: '254', 'pod-netz': '10.244.0.0/16' },
        });
      await check().expect(200);
      await check().expect(200);
      expectRateLimited(
        await check(),
        'Du hast sehr oft hintereinander „Prüfen“ gedrückt. Bitte warte 30 Sekunden und prüfe dann erneut.',
        '30',
      );
      const bo = await ctx.newLearner('Bo');
      const other = (await ctx.newSession(bo)).id;
      await ctx.check(bo, other, 'netz', { answers: { groesse: '256' } });
    });
  });
});
