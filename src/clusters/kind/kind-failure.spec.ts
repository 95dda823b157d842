import {
  fillKindOutput,
  type KindOutputName,
} from '../../../test/support/fake-kind/kind-output.js';
import { clusterSchema } from '../../labs/schema/lab.schema.js';
import { classifyKindFailure, stderrTail, type KindRun } from './kind-failure.js';
import { KindProgress } from './kind-progress.js';

const IMAGE = 'kindest/node:v1.33.1';

/** Runs kind's recorded output through the progress parser, as the driver does. */
function runOf(output: KindOutputName, extra: Partial<KindRun> = {}): KindRun {
  const stderr = fillKindOutput(output, { name: 'kl-3f9a0c1d', image: IMAGE });
  const progress = new KindProgress(clusterSchema.parse({}), 180);
  progress.write(stderr);
  progress.end();
  return {
    stderr,
    timedOut: false,
    notFound: false,
    nodeImage: IMAGE,
    failedStage: progress.failedStage,
    ...extra,
  };
}

describe(classifyKindFailure.name, () => {
  it('names the node image when it cannot be pulled', () => {
    expect(classifyKindFailure(runOf('imagePull'))).toEqual({
      code: 'NODE_IMAGE_PULL',
      learnerMessage:
        'Das Knoten-Image kindest/node:v1.33.1 konnte nicht geladen werden. Bitte gib der Kursleitung Bescheid.',
      mayHaveLeftovers: true,
    });
  });

  it('drops the digest from the image name the learner sees', () => {
    const stderr =
      'ERROR: failed to create cluster: failed to pull image "kindest/node:v1.33.1@sha256:0123abcd": exit status 1';
    expect(classifyKindFailure({ ...runOf('imagePull'), stderr }).learnerMessage).toContain(
      'Das Knoten-Image kindest/node:v1.33.1 konnte',
    );
  });

  it('says the name is taken and leaves the existing cluster alone', () => {
    expect(classifyKindFailure(runOf('nameTaken'))).toMatchObject({
      code: 'CLUSTER_NAME_TAKEN',
      learnerMessage: expect.stringContaining('schon einen Cluster mit dem Namen deiner Sitzung'),
      mayHaveLeftovers: false,
    });
  });

  it('recognises a port that is already allocated', () => {
    expect(classifyKindFailure(runOf('portInUse'))).toMatchObject({
      code: 'PORT_IN_USE',
      learnerMessage: expect.stringContaining('Ein Port, den dein Cluster braucht'),
      mayHaveLeftovers: true,
    });
    const other = '... listen tcp4 127.0.0.1:6443: bind: address already in use';
    expect(classifyKindFailure({ ...runOf('kubeadmInit'), stderr: other }).code).toBe(
      'PORT_IN_USE',
    );
  });

  it('falls back to a general message for anything else', () => {
    expect(classifyKindFailure(runOf('kubeadmInit'))).toEqual({
      code: 'KIND_FAILED',
      learnerMessage:
        'Dein Cluster konnte nicht erstellt werden. Bitte versuche es in ein paar Minuten noch einmal.',
      mayHaveLeftovers: true,
    });
  });

  it('reports a timeout and a missing kind on their own', () => {
    expect(classifyKindFailure(runOf('kubeadmInit', { timedOut: true })).code).toBe('KIND_TIMEOUT');
    expect(classifyKindFailure(runOf('kubeadmInit', { notFound: true, stderr: '' }))).toMatchObject(
      {
        code: 'KIND_NOT_FOUND',
        mayHaveLeftovers: false,
      },
    );
  });

  it('writes every learner message in German, without English kind output', () => {
    for (const output of ['imagePull', 'nameTaken', 'portInUse', 'kubeadmInit'] as const) {
      const { learnerMessage } = classifyKindFailure(runOf(output));
      expect(learnerMessage).not.toMatch(/ERROR|failed|docker/);
    }
  });
});

describe(stderrTail.name, () => {
  it('keeps the last lines and at most maxChars characters', () => {
    const stderr = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n') + '\n';
    expect(stderrTail(stderr, 3)).toBe('line 97\nline 98\nline 99');
    expect(stderrTail(stderr, 40, 10)).toBe('98\nline 99');
  });
});
