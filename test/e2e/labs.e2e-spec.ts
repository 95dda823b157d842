import { apiError } from '../support/api-error.js';
import { INSTRUCTOR_AUTH } from '../support/test-app.js';
import { testAppForSuite } from '../support/test-app-for-suite.js';

describe('Lab catalog (e2e)', () => {
  const ctx = testAppForSuite();

  it('lists valid labs ordered by id and leaves the broken one out', async () => {
    const { body } = await ctx.http().get('/api/labs').expect(200);
    expect(body).toEqual([
      {
        id: '01-quiz',
        title: 'Quiz zu Netzen',
        summary: 'Zwei Fragen zu IP-Netzen.',
        duration: 5,
        level: 'einsteiger',
        environment: 'kind',
        stepCount: 2,
        // This test app's kind driver finds neither Docker nor kind.
        availability: {
          available: false,
          reason: expect.stringMatching(/^Auf diesem Server läuft Docker gerade nicht/),
        },
      },
    ]);
  });

  it('shows a lab with rendered, escaped step text and no check internals or solutions', async () => {
    const { body } = await ctx.http().get('/api/labs/01-quiz').expect(200);
    expect(body.steps.map((s: { id: string }) => s.id)).toEqual(['netz', 'adresse']);
    const step = body.steps[0];
    expect(step.html).toContain('<h1>Ein Netz lesen</h1>');
    expect(step.html).toContain('<code>/24</code>');
    expect(step.html).toContain('&lt;script&gt;');
    expect(step.html).not.toContain('<script>');
    expect(step.html).not.toContain('href="javascript:');
    expect(step.hintCount).toBe(3);
    expect(step.questions).toEqual([
      { id: 'groesse', prompt: 'Wie viele Adressen hat ein /24-Netz?', type: 'number' },
      { id: 'pod-netz', prompt: 'Welches Pod-Netz nutzt kind standardmäßig?', type: 'cidr' },
    ]);
    const text = JSON.stringify(body);
    expect(text).not.toContain('256');
    expect(text).not.toContain('solution');
    expect(text).not.toContain('checks');
  });

  it('answers an unknown lab with 404 LAB_NOT_FOUND in German', async () => {
    const { body } = await ctx.http().get('/api/labs/99-gibt-es-nicht').expect(404);
    expect(body).toEqual(
      apiError(404, 'LAB_NOT_FOUND', 'Die Übung "99-gibt-es-nicht" gibt es nicht.'),
    );
  });

  it('refuses a malformed lab id with 400', async () => {
    const { body } = await ctx.http().get('/api/labs/..%2F..%2Fetc').expect(400);
    expect(body.code).toBe('VALIDATION_FAILED');
  });

  it('reports the broken lab in /readyz without becoming unready', async () => {
    const { body } = await ctx.http().get('/readyz').set(INSTRUCTOR_AUTH).expect(200);
    expect(body.labs).toEqual({ loaded: true, count: 1, problems: 2 });
  });
});
