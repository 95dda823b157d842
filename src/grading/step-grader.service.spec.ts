import { FakeEnvironmentHandle } from '../../test/support/fake-environment-handle.js';
import { FakeKube } from '../../test/support/fake-kube.js';
import { DriverError } from '../clusters/environment-driver.js';
import type { Lab, LoadedStep } from '../labs/lab.types.js';
import { CHECK_KINDS, type CheckSpec } from '../labs/schema/check.schema.js';
import { CannotCheckError } from './check-errors.js';
import type { CheckEvaluator } from './check-evaluator.js';
import { AnswerCheck } from './checks/answer.check.js';
import { ALL_CHECKS } from './grading.module.js';
import type { GradeInput } from './step-grader.js';
import { StepGraderService } from './step-grader.service.js';

type Check = CheckSpec & { id: string };

const ANZAHL: Check = {
  id: 'anzahl-knoten',
  kind: 'answer',
  title: 'Anzahl der Knoten',
  prompt: 'Wie viele Knoten hat dein Cluster?',
  type: 'number',
  expected: { value: 3 },
};
const NETZ: Check = {
  id: 'netz',
  kind: 'answer',
  prompt: 'Welches Pod-Netz nutzt kind?',
  type: 'cidr',
  expected: { value: '10.244.0.0/16' },
};
const POD_LAEUFT: Check = {
  id: 'resource-3',
  kind: 'resource',
  title: 'Pod web läuft',
  object: { apiVersion: 'v1', kind: 'Pod', namespace: 'lab', name: 'web' },
  expect: 'exists',
  fields: [],
};
const BEFEHL: Check = {
  id: 'transcript-4',
  kind: 'transcript',
  command: '^kubectl',
  since: 'step',
};

function gradeInput(
  checks: Check[],
  answers: Record<string, string>,
  cluster: Partial<GradeInput> = {},
): GradeInput {
  const step: LoadedStep = {
    id: 'knoten',
    title: 'Knoten',
    content: 'steps/01-knoten.md',
    solution: [{ file: 'solutions/01-knoten.sh' }],
    setup: [],
    setupFiles: [],
    observe: false,
    needsNetworkPolicy: false,
    checks,
    hints: [],
    markdown: '# Knoten',
    html: '<h1>Knoten</h1>',
    solutions: [{ file: 'solutions/01-knoten.sh', type: 'script', text: 'kubectl get nodes' }],
  };
  const lab: Lab = {
    id: '00-test',
    dir: '/labs/00-test',
    contentHash: 'hash',
    title: 'Test',
    summary: 'Test',
    goals: ['Testen'],
    duration: 5,
    level: 'einsteiger',
    environment: 'kind',
    modes: ['local'],
    cluster: {
      workers: 2,
      podSubnet: '10.244.0.0/16',
      serviceSubnet: '10.96.0.0/16',
      kubeProxyMode: 'iptables',
      disableDefaultCNI: false,
      networkPolicy: false,
    },
    setup: [],
    autoCheck: false,
    steps: [step],
  };
  return {
    lab,
    step,
    answers,
    handle: () => Promise.reject(new Error('this test has no cluster')),
    kube: () => Promise.reject(new Error('this test has no cluster')),
    transcript: () => Promise.resolve([]),
    stepStartedAt: new Date('2026-11-23T09:00:00Z'),
    ...cluster,
  };
}

describe(StepGraderService.name, () => {
  const grader = new StepGraderService([new AnswerCheck()]);

  it('returns one result per check, in the order of the step', async () => {
    const results = await grader.grade(
      gradeInput([ANZAHL, POD_LAEUFT, NETZ, BEFEHL], {
        'anzahl-knoten': '3',
        netz: '10.244.0.0/16',
      }),
    );

    expect(results.map((r) => [r.id, r.kind, r.status])).toEqual([
      ['anzahl-knoten', 'answer', 'pass'],
      ['resource-3', 'resource', 'error'],
      ['netz', 'answer', 'pass'],
      ['transcript-4', 'transcript', 'error'],
    ]);
    for (const r of results) {
      expect(r.durationMs).toBeGreaterThanOrEqual(0);
      expect(Number.isInteger(r.durationMs)).toBe(true);
    }
  });

  it('passes a correct answer with the title of the check', async () => {
    const [result] = await grader.grade(gradeInput([ANZAHL], { 'anzahl-knoten': ' 3 ' }));

    expect(result).toEqual({
      id: 'anzahl-knoten',
      kind: 'answer',
      title: 'Anzahl der Knoten',
      status: 'pass',
      message: 'Richtig.',
      observed: '3',
      expected: '3',
      durationMs: expect.any(Number),
    });
  });

  it('titles an untitled answer check with its question', async () => {
    const [result] = await grader.grade(gradeInput([NETZ], { netz: '10.244.0.0/16' }));

    expect(result.title).toBe('Welches Pod-Netz nutzt kind?');
  });

  it('leaves the title out when a check of another kind has none', async () => {
    const [result] = await grader.grade(gradeInput([BEFEHL], {}));

    expect(result).not.toHaveProperty('title');
  });

  it('fails a wrong answer without revealing the expected value', async () => {
    const [result] = await grader.grade(gradeInput([ANZAHL], { 'anzahl-knoten': '2' }));

    expect(result).toMatchObject({ status: 'fail', observed: '2' });
    expect(result).not.toHaveProperty('expected');
    expect(result.message).not.toContain('3');
  });

  it('fails a missing answer with a German request to answer', async () => {
    const results = await grader.grade(gradeInput([ANZAHL, NETZ], { netz: '10.244.0.0/16' }));

    expect(results[0]).toMatchObject({
      status: 'fail',
      message: 'Bitte beantworte die Frage: Wie viele Knoten hat dein Cluster?',
    });
    expect(results[1].status).toBe('pass');
  });

  it('reports kinds it cannot grade yet as error, never as fail', async () => {
    const results = await grader.grade(gradeInput([POD_LAEUFT, BEFEHL], {}));

    expect(results).toEqual([
      expect.objectContaining({
        status: 'error',
        title: 'Pod web läuft',
        message: 'Die Prüfart „resource“ ist in dieser kubelab-Version noch nicht verfügbar.',
      }),
      expect.objectContaining({
        status: 'error',
        message: 'Die Prüfart „transcript“ ist in dieser kubelab-Version noch nicht verfügbar.',
      }),
    ]);
  });

  it('answers a step without checks with no results', async () => {
    await expect(grader.grade(gradeInput([], {}))).resolves.toEqual([]);
  });

  it('reports a check that does not answer within its timeout as error', async () => {
    const hanging: CheckEvaluator = {
      kind: 'resource',
      evaluate: () => new Promise(() => undefined),
    };
    const slow = new StepGraderService([hanging, new AnswerCheck()]);
    const [late, answered] = await slow.grade(
      gradeInput([{ ...POD_LAEUFT, timeoutSeconds: 1 }, ANZAHL], { 'anzahl-knoten': '3' }),
    );

    expect(late).toMatchObject({
      status: 'error',
      message: 'Die Prüfung hat nicht rechtzeitig geantwortet. Bitte prüfe gleich noch einmal.',
    });
    expect(late.durationMs).toBeGreaterThanOrEqual(990);
    expect(answered.status).toBe('pass');
  });

  it('reports a crashing check as error with its own message', async () => {
    const crashing: CheckEvaluator = {
      kind: 'resource',
      evaluate: () => Promise.reject(new Error('boom')),
    };
    const [result] = await new StepGraderService([crashing]).grade(gradeInput([POD_LAEUFT], {}));

    expect(result).toMatchObject({
      status: 'error',
      message: 'Die Prüfung konnte nicht ausgeführt werden. Bitte prüfe gleich noch einmal.',
    });
  });

  describe('with every check kind', () => {
    const engine = new StepGraderService(ALL_CHECKS());
    const web: Check = {
      ...POD_LAEUFT,
      id: 'web',
      fields: [{ path: '{.status.phase}', equals: 'Running' }],
    };

    it('has an evaluator for every kind of the lab format', () => {
      expect(
        ALL_CHECKS()
          .map((e) => e.kind)
          .sort(),
      ).toEqual([...CHECK_KINDS].sort());
    });

    it('grades the live cluster: the untouched one fails, the solved one passes', async () => {
      const input = (kube: FakeKube) =>
        gradeInput([web], {}, { kube: () => Promise.resolve(kube) });

      const [before] = await engine.grade(input(FakeKube.of('kind-base', 'lab-untouched')));
      const [after] = await engine.grade(
        input(FakeKube.of('kind-base', 'lab-untouched', 'lab-solved')),
      );

      expect(before).toMatchObject({ status: 'fail', title: 'Pod web läuft' });
      expect(after).toMatchObject({ status: 'pass', observed: { count: 1 } });
    });

    it('reports an API server that does not answer as error, in German', async () => {
      const input = gradeInput(
        [web, BEFEHL],
        {},
        { kube: () => Promise.resolve(FakeKube.unreachable()) },
      );

      const [result, transcript] = await engine.grade(input);

      expect(result).toMatchObject({
        status: 'error',
        message:
          'Der API-Server deines Clusters antwortet gerade nicht. Bitte prüfe gleich noch einmal.',
      });
      expect(transcript?.status).toBe('fail');
    });

    it('says which kind a cluster does not know, and what a broken JSONPath is', async () => {
      const gizmo: Check = {
        ...web,
        id: 'gizmo',
        object: { apiVersion: 'v1', kind: 'Gizmo', name: 'x' },
        fields: [],
      };
      const broken: Check = {
        ...web,
        id: 'kaputt',
        fields: [{ path: '{.spec.ports[abc]}', exists: true }],
      };
      const kube = FakeKube.of('kind-base', 'lab-untouched', 'lab-solved');

      const results = await engine.grade(
        gradeInput([gizmo, broken], {}, { kube: () => Promise.resolve(kube) }),
      );

      expect(results.map((r) => [r.status, r.message])).toEqual([
        [
          'error',
          'Dein Cluster kennt die Objektart Gizmo (v1) nicht. Bitte gib der Kursleitung Bescheid.',
        ],
        [
          'error',
          'Die Übung enthält einen Fehler (ungültiger JSONPath „{.spec.ports[abc]}“: „[abc]“ wird nicht unterstützt). Bitte gib der Kursleitung Bescheid.',
        ],
      ]);
    });

    it('passes on the German text of a check that could not look and of a cluster that is gone', async () => {
      const cannot: CheckEvaluator = {
        kind: 'resource',
        evaluate: () => Promise.reject(new CannotCheckError('Der Prüf-Pod fehlt.', 'detail')),
      };
      const gone: CheckEvaluator = {
        kind: 'transcript',
        evaluate: () => Promise.reject(new DriverError('gone', 'Dein Cluster ist nicht mehr da.')),
      };

      const results = await new StepGraderService([cannot, gone]).grade(
        gradeInput([POD_LAEUFT, BEFEHL], {}),
      );

      expect(results.map((r) => [r.status, r.message])).toEqual([
        ['error', 'Der Prüf-Pod fehlt.'],
        ['error', 'Dein Cluster ist nicht mehr da.'],
      ]);
    });

    it('opens the cluster handle and the API client once per run, for all checks together', async () => {
      const kube = FakeKube.of('kind-base', 'lab-untouched', 'lab-solved');
      const handle = new FakeEnvironmentHandle();
      const opened = { kube: 0, handle: 0 };
      const input = gradeInput(
        [web, { ...web, id: 'web-2' }, { ...web, id: 'web-3' }],
        {},
        {
          kube: () => {
            opened.kube += 1;
            return Promise.resolve(kube);
          },
          handle: () => {
            opened.handle += 1;
            return Promise.resolve(handle);
          },
        },
      );

      await engine.grade(input);

      expect(opened).toEqual({ kube: 1, handle: 0 });
    });
  });
});
