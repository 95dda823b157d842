import { gradeInput } from '../../../test/support/fake-cluster-handle.js';
import type { CheckSpec } from '../../labs/schema/check.schema.js';
import type { TranscriptCommand } from '../transcript-reader.repository.js';
import { TranscriptCheck } from './transcript.check.js';

type TranscriptSpec = Extract<CheckSpec, { kind: 'transcript' }> & { id: string };

const STEP_STARTED = new Date('2026-11-23T10:00:00Z');

function command(
  at: string,
  text: string,
  exitCode: number | null = 0,
  output = '',
): TranscriptCommand {
  return {
    terminal: 'main',
    command: text,
    exitCode,
    output,
    startedAt: new Date(`2026-11-23T${at}Z`),
  };
}

const BEFORE_STEP = command('09:55:00', 'kubectl get nodes');
const TYPO = command(
  '10:01:00',
  'kubectl get nodez',
  1,
  'error: the server doesn\'t have a resource type "nodez"',
);
const RIGHT = command(
  '10:02:00',
  'kubectl get nodes -o wide',
  0,
  'NAME STATUS ROLES\nkl-test-worker Ready <none>',
);

const SPEC: TranscriptSpec = {
  id: 'befehl',
  kind: 'transcript',
  command: '^kubectl get (nodes|node|no)\\b',
  exitCode: 0,
  since: 'step',
};

describe(TranscriptCheck.name, () => {
  const check = new TranscriptCheck();
  const run = (s: TranscriptSpec, transcript: TranscriptCommand[]) =>
    check.evaluate(s, gradeInput({ transcript, stepStartedAt: STEP_STARTED }));

  it('fails on an untouched terminal: nothing run since the step began', async () => {
    await expect(run(SPEC, [BEFORE_STEP])).resolves.toEqual({
      status: 'fail',
      message: 'Du hast in diesem Schritt noch keinen passenden Befehl im Terminal ausgeführt.',
      expected: { command: SPEC.command, exitCode: 0 },
      observed: { commands: 0, matching: 0 },
    });
  });

  it('passes once the learner ran the command', async () => {
    await expect(run(SPEC, [BEFORE_STEP, TYPO, RIGHT])).resolves.toEqual({
      status: 'pass',
      message: 'Du hast „kubectl get nodes -o wide“ ausgeführt.',
      expected: { command: SPEC.command, exitCode: 0 },
      observed: { commands: 2, matching: 1, last: 'kubectl get nodes -o wide', exitCode: 0 },
    });
  });

  it('counts commands from before the step with since: session', async () => {
    await expect(run({ ...SPEC, since: 'session' }, [BEFORE_STEP])).resolves.toMatchObject({
      status: 'pass',
    });
  });

  it('tells a command of the right shape that failed from one not run at all', async () => {
    const failed = command('10:01:30', 'kubectl get nodes --bad', 1, 'error: unknown flag: --bad');

    await expect(run(SPEC, [failed])).resolves.toMatchObject({
      status: 'fail',
      message:
        'Der Befehl „kubectl get nodes --bad“ ist mit Exit-Code 1 geendet – sieh dir seine Fehlermeldung an.',
      observed: { commands: 1, matching: 0, last: 'kubectl get nodes --bad', exitCode: 1 },
    });
  });

  it('asks for an output pattern when the lab gives one', async () => {
    const wide = { ...SPEC, output: '^NAME\\s+STATUS' };

    await expect(run(wide, [RIGHT])).resolves.toMatchObject({ status: 'pass' });
    await expect(run({ ...wide, output: 'INTERNAL-IP' }, [RIGHT])).resolves.toMatchObject({
      status: 'fail',
      message: 'Der Befehl „kubectl get nodes -o wide“ hat nicht ausgegeben, was verlangt ist.',
    });
  });

  it('lets a transcript that cannot be read surface for the engine to report as error', async () => {
    const input = { ...gradeInput(), transcript: () => Promise.reject(new Error('SQLITE_BUSY')) };

    await expect(check.evaluate(SPEC, input)).rejects.toThrow('SQLITE_BUSY');
  });
});
