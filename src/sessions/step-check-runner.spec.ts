import path from 'node:path';
import type { EnvironmentDriversService } from '../clusters/environment-drivers.service.js';
import type { EnvironmentHandle } from '../clusters/environment-handle.js';
import type { CheckResult } from '../grading/check-result.js';
import type { StepGrader } from '../grading/step-grader.js';
import type { TranscriptReader } from '../grading/transcript-reader.repository.js';
import { loadLab } from '../labs/lab-loader.js';
import type { Lab, LoadedStep } from '../labs/lab.types.js';
import { FakeClock } from '../../test/support/fake-clock.js';
import type { LabSetupService } from './lab-setup.service.js';
import type { SessionRecord } from './session.types.js';
import type { SessionsRepository } from './sessions.repository.js';
import { StepCheckRunner } from './step-check-runner.js';

const SAMPLE = (() => {
  const loaded = loadLab(path.resolve('test/fixtures/labs-kind/01-erste-schritte-im-cluster'));
  if (!('lab' in loaded)) throw new Error('sample lab does not load');
  return loaded.lab;
})();

/** The sample lab, its second step breaking something when it begins. */
const LAB: Lab = {
  ...SAMPLE,
  steps: SAMPLE.steps.map((step, i) =>
    i === 1
      ? { ...step, setupFiles: [{ file: 'setup/02.yaml', type: 'manifest' as const, text: '' }] }
      : step,
  ),
};

const SESSION = {
  id: 's1',
  cluster: { name: 'kl-s1', status: 'assigned', driver: 'kind', dockerEndpoint: '' },
  steps: [],
  createdAt: new Date(0),
  readyAt: new Date(0),
} as unknown as SessionRecord;

/** A runner whose grader answers `passed` and whose database says whether it was the first pass. */
function runner(passed: boolean, firstPass: boolean, failSetup = false) {
  const begun: string[] = [];
  const handle = { name: 'kl-s1' } as EnvironmentHandle;
  const sessions = {
    recordAttempt: () => Promise.resolve({ attemptId: 'a1', firstPass }),
  } as unknown as SessionsRepository;
  const grader = {
    grade: ({ step }: { step: LoadedStep }) =>
      Promise.resolve(
        step.checks.map((c): CheckResult => ({
          id: c.id,
          kind: c.kind,
          status: passed ? 'pass' : 'fail',
          message: '',
          durationMs: 1,
        })),
      ),
  } as unknown as StepGrader;
  const drivers = {
    for: () => ({ handle: () => Promise.resolve(handle) }),
  } as unknown as EnvironmentDriversService;
  const setup = {
    applyStepSetup: (_lab: Lab, on: EnvironmentHandle, step: LoadedStep) => {
      if (failSetup) return Promise.reject(new Error('kubectl failed'));
      begun.push(`${on.name}: ${step.id}`);
      return Promise.resolve();
    },
  } as unknown as LabSetupService;
  const transcripts = { commandsSince: () => Promise.resolve([]) } as unknown as TranscriptReader;
  const run = new StepCheckRunner(sessions, grader, drivers, new FakeClock(), transcripts, setup);
  return { run, begun };
}

describe(StepCheckRunner.name, () => {
  const [first, second] = LAB.steps;
  if (!first || !second) throw new Error('the sample lab has two steps');

  it('begins the next step (its setup) when an attempt first passes a step', async () => {
    const { run, begun } = runner(true, true);
    expect(await run.run(SESSION, LAB, first, {}, 'learner')).toMatchObject({ passed: true });
    expect(begun).toEqual([`kl-s1: ${second.id}`]);
  });

  it('does not break the next step again on a later pass, nor on a failed attempt', async () => {
    const again = runner(true, false);
    await again.run.run(SESSION, LAB, first, {}, 'learner');
    const failed = runner(false, false);
    await failed.run.run(SESSION, LAB, first, {}, 'learner');
    expect([...again.begun, ...failed.begun]).toEqual([]);
  });

  it('has nothing to begin after the last step', async () => {
    const { run, begun } = runner(true, true);
    await run.run(SESSION, LAB, second, {}, 'learner');
    expect(begun).toEqual([]);
  });

  it('keeps the pass the learner earned when the next step cannot be prepared', async () => {
    const { run } = runner(true, true, true);
    expect(await run.run(SESSION, LAB, first, {}, 'learner')).toMatchObject({
      passed: true,
      attemptId: 'a1',
    });
  });
});
