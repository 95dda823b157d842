import fs from 'node:fs';
import path from 'node:path';
import { Clock } from '../../src/common/adapters/clock.js';
import { KIND_PREAMBLE } from '../../src/sessions/lab-setup.service.js';
import { SessionReaper } from '../../src/sessions/session-reaper.js';
import { FakeClock } from '../support/fake-clock.js';
import { FakeEnvironmentDriver } from '../support/fake-environment-driver.js';
import { tempDir } from '../support/temp-dir.js';
import {
  createTestApp,
  type TestContext,
  type TestLearner as Learner,
} from '../support/test-app.js';

/**
 * A step's `setup` (what it breaks when it begins) through the server: the quiz fixture with a
 * setup script on its second step, which must run once when the first step is first passed, and
 * again after the first step's solution when „Fortsetzen“ replays it on a fresh cluster.
 */
describe('A step that breaks something when it begins (e2e, stand-in driver)', () => {
  const labs = tempDir();
  const SETUP = '#!/usr/bin/env bash\necho kaputt\n';
  let ctx: TestContext;
  let driver: FakeEnvironmentDriver;
  let clock: FakeClock;
  let learner: Learner;

  beforeAll(async () => {
    const dir = path.join(labs.dir, '01-quiz');
    fs.cpSync(path.resolve('test/fixtures/labs/01-quiz'), dir, { recursive: true });
    fs.mkdirSync(path.join(dir, 'setup'));
    fs.writeFileSync(path.join(dir, 'setup/02-kaputt.sh'), SETUP);
    const yaml = fs.readFileSync(path.join(dir, 'lab.yaml'), 'utf8');
    const withSetup = yaml.replace(
      'solution: solutions/02-adresse.sh',
      'solution: solutions/02-adresse.sh\n    setup: [setup/02-kaputt.sh]',
    );
    if (withSetup === yaml) throw new Error('the quiz fixture changed: no second solution line');
    fs.writeFileSync(path.join(dir, 'lab.yaml'), withSetup);
    driver = new FakeEnvironmentDriver();
    clock = new FakeClock();
    ctx = await createTestApp({
      drivers: [driver],
      overrides: [{ provide: Clock, useValue: clock }],
      env: {
        KUBELAB_LABS_DIR: labs.dir,
        KUBELAB_IDLE_MINUTES: '30',
        KUBELAB_MAX_SESSION_MINUTES: '240',
      },
    });
  });
  afterAll(async () => {
    await ctx.close();
    labs.cleanup();
  });
  beforeEach(async () => {
    learner = await ctx.newLearner();
  });

  const scripts = (cluster: string) =>
    driver.executed
      .filter((e) => e.cluster === cluster)
      .map((e) => e.stdin?.replace(KIND_PREAMBLE, ''));
  const passFirst = (id: string) =>
    ctx.check(learner, id, 'netz', { answers: { groesse: '256', 'pod-netz': '10.244.0.0/16' } });

  it('makes it when the step before is first passed, not before, not again', async () => {
    const session = await ctx.newSession(learner, '01-quiz');
    const cluster = session.cluster!.name;
    await ctx.check(learner, session.id, 'netz', { answers: { groesse: '255' } });
    expect(scripts(cluster)).toEqual([]);

    await passFirst(session.id);
    expect(scripts(cluster)).toEqual([SETUP]);

    await passFirst(session.id);
    expect(scripts(cluster)).toEqual([SETUP]);
  });

  it('refuses to grade the step before the step before it is passed: nothing is broken yet', async () => {
    const session = await ctx.newSession(learner, '01-quiz');
    const res = await ctx
      .http()
      .post(`/api/sessions/${session.id}/steps/adresse/check`)
      .set(learner.auth)
      .send({ answers: { 'dns-ip': '10.96.0.10' } })
      .expect(409);
    expect(res.body.code).toBe('STEP_NOT_BEGUN');
    expect(res.body.message).toContain('„Ein Netz lesen“');
    expect(scripts(session.cluster!.name)).toEqual([]);

    await passFirst(session.id);
    const graded = await ctx.check(learner, session.id, 'adresse', {
      answers: { 'dns-ip': '10.96.0.10' },
    });
    expect(graded.passed).toBe(true);
  });

  it('remakes it on „Fortsetzen“ after the passed step’s solution', async () => {
    const session = await ctx.newSession(learner, '01-quiz');
    await passFirst(session.id);
    clock.advanceMinutes(31);
    await ctx.app.get(SessionReaper).reapOnce();
    await ctx.http().post(`/api/sessions/${session.id}/resume`).set(learner.auth).expect(200);
    await ctx.settle();
    const resumed = await ctx.session(learner, session.id);
    expect(resumed.cluster!.name).not.toBe(session.cluster!.name);
    expect(scripts(resumed.cluster!.name)).toEqual(['#!/usr/bin/env bash\necho 256\n', SETUP]);
  });
});
