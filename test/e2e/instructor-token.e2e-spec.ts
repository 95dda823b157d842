import path from 'node:path';
import { hashToken } from '../../src/auth/token.js';
import { tempDir } from '../support/temp-dir.js';
import { createTestApp, INSTRUCTOR_TOKEN, type TestContext } from '../support/test-app.js';

/** The instructor follows KUBELAB_INSTRUCTOR_TOKEN across restarts of one database. */
describe('Instructor token (e2e)', () => {
  const data = tempDir();
  const databaseUrl = `file:${path.join(data.dir, 'kubelab.db')}`;
  const restart = (token: string) =>
    createTestApp({ env: { DATABASE_URL: databaseUrl, KUBELAB_INSTRUCTOR_TOKEN: token } });
  const me = (ctx: TestContext, token: string) =>
    ctx.http().get('/api/learners/me').set('Authorization', `Bearer ${token}`);
  afterAll(() => data.cleanup());

  it('stores the token only as a salted scrypt hash, and knows the instructor by it', async () => {
    const ctx = await restart(INSTRUCTOR_TOKEN);
    try {
      const row = await ctx.prisma.learner.findFirstOrThrow({ where: { role: 'instructor' } });
      expect(row.tokenHash).toMatch(/^scrypt\$/);
      expect(row.tokenHash).not.toContain(INSTRUCTOR_TOKEN);
      expect(row.tokenHash).not.toContain(hashToken(INSTRUCTOR_TOKEN));
      expect((await me(ctx, INSTRUCTOR_TOKEN).expect(200)).body.role).toBe('instructor');
      await me(ctx, `${INSTRUCTOR_TOKEN}x`).expect(401);
    } finally {
      await ctx.close();
    }
  });

  it('lets only the new token in after the variable changes', async () => {
    const rotated = 'a-new-instructor-token-0002';
    const ctx = await restart(rotated);
    try {
      await me(ctx, INSTRUCTOR_TOKEN).expect(401);
      expect((await me(ctx, rotated).expect(200)).body.role).toBe('instructor');
    } finally {
      await ctx.close();
    }
  });

  it('has no instructor once the variable is unset', async () => {
    const ctx = await restart('');
    try {
      await me(ctx, 'a-new-instructor-token-0002').expect(401);
      await me(ctx, INSTRUCTOR_TOKEN).expect(401);
    } finally {
      await ctx.close();
    }
  });
});
