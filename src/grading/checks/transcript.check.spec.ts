import { fileURLToPath } from 'node:url';
import { NESTED_LOOP, NESTED_LOOP_INPUT } from '../../../test/support/backtracking.js';
import { gradeInput } from '../../../test/support/fake-environment-handle.js';
import { loadLab } from '../../labs/lab-loader.js';
import type { TranscriptCommand } from '../transcript-reader.repository.js';
import type { CheckSpecOf } from '../check-evaluator.js';
import { TranscriptCheck } from './transcript.check.js';

type TranscriptSpec = CheckSpecOf<'transcript'>;

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
      detail:
        'Verlangt in diesem Schritt: ein Befehl passend zu /^kubectl get (nodes|node|no)\\b/, Exit-Code 0. Gesehen: 0 Befehle, 0 von passender Form, 0 passend.',
      expected: { command: SPEC.command, exitCode: 0 },
      observed: { commands: 0, matching: 0 },
    });
  });

  it('passes once the learner ran the command', async () => {
    await expect(run(SPEC, [BEFORE_STEP, TYPO, RIGHT])).resolves.toEqual({
      status: 'pass',
      message: 'Du hast `kubectl get nodes -o wide` ausgeführt.',
      detail:
        'Verlangt in diesem Schritt: ein Befehl passend zu /^kubectl get (nodes|node|no)\\b/, Exit-Code 0. Gesehen: 2 Befehle, 1 von passender Form, 1 passend; zuletzt „kubectl get nodes -o wide“ mit Exit-Code 0.',
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
        'Der Befehl `kubectl get nodes --bad` ist mit Exit-Code 1 geendet – sieh dir seine Fehlermeldung an.',
      observed: { commands: 1, matching: 0, last: 'kubectl get nodes --bad', exitCode: 1 },
    });
  });

  it('asks for an output pattern when the lab gives one', async () => {
    const wide = { ...SPEC, output: '^NAME\\s+STATUS' };

    await expect(run(wide, [RIGHT])).resolves.toMatchObject({ status: 'pass' });
    await expect(run({ ...wide, output: 'INTERNAL-IP' }, [RIGHT])).resolves.toMatchObject({
      status: 'fail',
      message: 'Der Befehl `kubectl get nodes -o wide` hat nicht ausgegeben, was verlangt ist.',
    });
  });

  it('lets a transcript that cannot be read surface for the engine to report as error', async () => {
    const input = { ...gradeInput(), transcript: () => Promise.reject(new Error('SQLITE_BUSY')) };

    await expect(check.evaluate(SPEC, input)).rejects.toThrow('SQLITE_BUSY');
  });

  describe('on the pattern of nachbarn-angesehen in 00-linux-netzwerk', () => {
    const loaded = loadLab(
      fileURLToPath(new URL('../../../labs/00-linux-netzwerk', import.meta.url)),
    );
    if (!('lab' in loaded)) throw new Error(JSON.stringify(loaded.problems));
    const spec = loaded.lab.steps
      .find((s) => s.id === 'nachbarn')
      ?.checks.find((c) => c.id === 'nachbarn-angesehen') as TranscriptSpec;
    /** `( -(n|netns) \S+| -[a-z0-9]+)*` reads each ` -n -n` two ways: 2^38 here, 1.3 s in JS. */
    const stalling = (repeats: number) => `ip${' -n'.repeat(repeats)} x`;

    it.each([
      'ip -n pod1 neigh',
      'ip -n pod1 -s neighbour show',
      'ip netns exec pod1 ip neigh',
      'ip netns exec pod2 arp -n',
      'arp -n',
    ])('passes on %j', async (text) => {
      await expect(run(spec, [command('10:01:00', text)])).resolves.toMatchObject({
        status: 'pass',
      });
    });

    it('answers a 118-character command that backtracks for over a second in JS RegExp', async () => {
      expect(stalling(38)).toHaveLength(118);

      await expect(run(spec, [command('10:01:00', stalling(38))])).resolves.toMatchObject({
        status: 'fail',
        observed: { commands: 1, matching: 0 },
      });
    });

    it('answers a 10,000-character one, which JS RegExp would never finish', async () => {
      const typed = command('10:01:00', stalling(3333));

      await expect(run(spec, [typed])).resolves.toMatchObject({ status: 'fail' });
    });
  });

  it('reads the output pattern in linear time', async () => {
    const printed = command('10:01:00', 'kubectl get nodes', 0, NESTED_LOOP_INPUT);

    await expect(run({ ...SPEC, output: NESTED_LOOP }, [printed])).resolves.toMatchObject({
      status: 'fail',
    });
  });

  describe('on the shared-mode form knoten <node> <command>', () => {
    const conntrack: TranscriptSpec = {
      id: 'eintrag-gelesen',
      kind: 'transcript',
      command: '^conntrack\\b.*\\s(-L|--dump)\\b',
      output: 'dst=10\\.96\\.0\\.10 ',
      exitCode: 0,
      since: 'step',
    };
    const ENTRY = 'tcp 6 117 TIME_WAIT src=10.244.1.2 dst=10.96.0.10 sport=4711 dport=80';

    it('matches as if the command had been typed on that node, output and exit code kept', async () => {
      const typed = command('10:01:00', 'knoten kl-x-worker conntrack -L -d 10.96.0.10', 0, ENTRY);

      await expect(run(conntrack, [typed])).resolves.toMatchObject({
        status: 'pass',
        message: 'Du hast `knoten kl-x-worker conntrack -L -d 10.96.0.10` ausgeführt.',
      });
    });

    it('still asks for the exit code and the output of the knoten call', async () => {
      const refused = command('10:01:00', 'knoten worker conntrack -L -d 10.96.0.10', 2, ENTRY);
      const empty = command('10:01:00', 'knoten worker conntrack -L -d 10.96.0.10', 0, '');

      await expect(run(conntrack, [refused])).resolves.toMatchObject({ status: 'fail' });
      await expect(run(conntrack, [empty])).resolves.toMatchObject({ status: 'fail' });
    });

    it('keeps matching the command typed in the node itself, and knoten without a command not', async () => {
      const inNode = command('10:01:00', 'conntrack -L -d 10.96.0.10', 0, ENTRY);
      const bare = command('10:02:00', 'knoten conntrack', 0, ENTRY);

      await expect(run(conntrack, [inNode])).resolves.toMatchObject({ status: 'pass' });
      await expect(run(conntrack, [bare])).resolves.toMatchObject({
        status: 'fail',
        observed: { matching: 0 },
      });
    });

    it('lets a pattern name knoten itself', async () => {
      const typed = command('10:01:00', 'knoten worker ip route', 0, '');

      await expect(
        run({ ...conntrack, command: '^knoten\\s+worker\\b', output: undefined }, [typed]),
      ).resolves.toMatchObject({ status: 'pass' });
    });
  });
});
