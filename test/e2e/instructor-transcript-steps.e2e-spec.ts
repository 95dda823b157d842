import { newId } from '../../src/common/ids.js';
import type { SessionDetail, TranscriptEntry } from '../../src/contract/instructor.views.js';
import { FakeEnvironmentDriver } from '../support/fake-environment-driver.js';
import { createTestApp, INSTRUCTOR_TOKEN, type TestContext } from '../support/test-app.js';

const instructor = { Authorization: `Bearer ${INSTRUCTOR_TOKEN}` };

describe('Instructor transcript by step (e2e, stand-in cluster driver)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestApp({ drivers: [new FakeEnvironmentDriver()] });
  });
  afterAll(() => ctx.close());

  it('tells for each command the step it was work on: the step checked next, else the open one', async () => {
    const learner = await ctx.newLearner();
    const { id } = await ctx.newSession(learner);
    let seq = 0;
    const command = (text: string) =>
      ctx.prisma.transcriptEntry.create({
        data: {
          id: newId(),
          sessionId: id,
          terminal: 't1',
          seq: seq++,
          command: text,
          output: '',
          exitCode: 0,
          startedAt: new Date(),
          finishedAt: new Date(),
        },
      });

    await command('ip addr');
    await ctx.check(learner, id, 'netz', { answers: { groesse: '255', 'pod-netz': 'x' } });
    await command('ip route');
    await ctx.check(learner, id, 'netz', {
      answers: { groesse: '256', 'pod-netz': '10.244.0.0/16' },
    });
    await ctx.goToStep(learner, id, 'adresse');
    await command('ip -br addr');

    const { body } = await ctx
      .http()
      .get(`/api/instructor/sessions/${id}`)
      .set(instructor)
      .expect(200);
    const steps = (entries: TranscriptEntry[]) =>
      entries.map((e) => [e.command, e.stepId]).reverse();
    expect(steps((body as SessionDetail).transcript.items)).toEqual([
      ['ip addr', 'netz'],
      ['ip route', 'netz'],
      ['ip -br addr', 'adresse'],
    ]);

    const { body: older } = await ctx
      .http()
      .get(`/api/instructor/sessions/${id}/transcript?limit=1`)
      .set(instructor)
      .expect(200);
    expect(steps(older.items)).toEqual([['ip -br addr', 'adresse']]);
  });
});
