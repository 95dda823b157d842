import { hashToken } from '../../src/auth/token.js';
import { apiError } from '../support/api-error.js';
import { INSTRUCTOR_AUTH } from '../support/test-app.js';
import { testAppForSuite } from '../support/test-app-for-suite.js';

describe('Learners and auth (e2e)', () => {
  const ctx = testAppForSuite({ env: { KUBELAB_BODY_LIMIT: '2kb' } });

  it('creates a learner, returns the token once and stores only its hash', async () => {
    const { body } = await ctx
      .http()
      .post('/api/learners')
      .send({ name: '  Jörg Müller ' })
      .expect(201);
    expect(body).toEqual({
      id: expect.any(String),
      name: 'Jörg Müller',
      role: 'learner',
      token: expect.stringMatching(/^klt_/),
    });
    const row = await ctx.prisma.learner.findUniqueOrThrow({ where: { id: body.id } });
    expect(row.tokenHash).toBe(hashToken(body.token));
    expect(JSON.stringify(row)).not.toContain(body.token);
  });

  it('knows the learner behind a token', async () => {
    const learner = await ctx.newLearner('Ada');
    const { body } = await ctx.http().get('/api/learners/me').set(learner.auth).expect(200);
    expect(body).toEqual({ id: learner.id, name: 'Ada', role: 'learner' });
  });

  it('knows the instructor by KUBELAB_INSTRUCTOR_TOKEN', async () => {
    const { body } = await ctx.http().get('/api/learners/me').set(INSTRUCTOR_AUTH).expect(200);
    expect(body.role).toBe('instructor');
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { Authorization: 'Bearer klt_wrong' }],
    ['a malformed header', { Authorization: 'Basic dXNlcjpwdw==' }],
  ])('answers %s with 401 UNAUTHENTICATED in German', async (_case, headers) => {
    const { body } = await ctx.http().get('/api/learners/me').set(headers).expect(401);
    expect(body).toEqual(
      apiError(
        401,
        'UNAUTHENTICATED',
        'Bitte melde dich an: Der Zugangsschlüssel fehlt oder ist ungültig.',
      ),
    );
  });

  it.each([
    ['a missing name', {}, 'name'],
    ['an empty name', { name: '   ' }, 'name'],
    ['a name of 61 characters', { name: 'x'.repeat(61) }, 'name'],
    ['a control character', { name: 'a\u0007b' }, 'name'],
    ['an unknown field', { name: 'Ada', role: 'instructor' }, '(body)'],
  ])('refuses %s with 400 and names the field', async (_case, payload, path) => {
    const before = await ctx.prisma.learner.count();
    const { body } = await ctx.http().post('/api/learners').send(payload).expect(400);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.message).toMatch(/^Einige Angaben sind ungültig/);
    expect(body.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await ctx.prisma.learner.count()).toBe(before);
  });

  it('answers malformed JSON with 400 MALFORMED_BODY', async () => {
    const { body } = await ctx
      .http()
      .post('/api/learners')
      .set('Content-Type', 'application/json')
      .send('{"name":')
      .expect(400);
    expect(body).toEqual(
      apiError(400, 'MALFORMED_BODY', 'Der Inhalt der Anfrage ist kein gültiges JSON.'),
    );
  });

  it.each([
    ['a form post', 'application/x-www-form-urlencoded', 'name=Mallory'],
    [
      'a multipart form',
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nMallory\r\n--x--',
    ],
    ['text/plain', 'text/plain', '{"name":"Mallory"}'],
  ])('refuses %s with 415, so no other site can sign anyone up', async (_case, type, payload) => {
    const before = await ctx.prisma.learner.count();
    const { body } = await ctx
      .http()
      .post('/api/learners')
      .set('Content-Type', type)
      .send(payload)
      .expect(415);
    expect(body).toEqual(
      apiError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Bitte sende die Daten als JSON (Content-Type: application/json).',
      ),
    );
    expect(await ctx.prisma.learner.count()).toBe(before);
  });

  it('refuses a form body on every other route too, and still takes requests without a body', async () => {
    const learner = await ctx.newLearner('Ada');
    await ctx
      .http()
      .patch('/api/sessions/00000000-0000-4000-8000-000000000000')
      .set(learner.auth)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('currentStep=netz')
      .expect(415);
    const { body } = await ctx
      .http()
      .post('/api/sessions/00000000-0000-4000-8000-000000000000/finish')
      .set(learner.auth)
      .expect(404);
    expect(body.code).toBe('SESSION_NOT_FOUND');
  });

  it('answers an oversize body with 413 PAYLOAD_TOO_LARGE', async () => {
    const before = await ctx.prisma.learner.count();
    const { body } = await ctx
      .http()
      .post('/api/learners')
      .send({ name: 'x'.repeat(4096) })
      .expect(413);
    expect(body).toEqual(apiError(413, 'PAYLOAD_TOO_LARGE', 'Die Anfrage ist zu groß.'));
    expect(await ctx.prisma.learner.count()).toBe(before);
  });

  it('answers an unknown API path with 404 in the same format', async () => {
    const { body } = await ctx.http().get('/api/gibt-es-nicht').expect(404);
    expect(body).toEqual(apiError(404, 'NOT_FOUND', 'Diese Seite gibt es nicht.'));
  });
});
