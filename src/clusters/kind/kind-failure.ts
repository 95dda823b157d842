import type { KindStage } from './kind-progress.js';

export type KindFailureCode =
  | 'KIND_NOT_FOUND'
  | 'KIND_TIMEOUT'
  | 'NODE_IMAGE_PULL'
  | 'CLUSTER_NAME_TAKEN'
  | 'PORT_IN_USE'
  | 'KIND_FAILED';

export interface KindFailure {
  code: KindFailureCode;
  learnerMessage: string;
  /** Whether kind may have left something behind (nodes, network, kubeconfig) to remove. */
  mayHaveLeftovers: boolean;
}

export interface KindRun {
  stderr: string;
  timedOut: boolean;
  notFound: boolean;
  failedStage?: KindStage;
  nodeImage: string;
}

const RETRY_LATER = 'Bitte versuche es in ein paar Minuten noch einmal.';

/**
 * Chooses what to tell the learner from how `kind create cluster` failed. kind prints errors as
 * "ERROR: failed to create cluster: <cause>" followed by "Command Output: <docker's output>"
 * (pkg/cmd/kind/app/main.go logError; "failed to create cluster" from
 * pkg/cmd/kind/create/cluster/createcluster.go).
 */
export function classifyKindFailure(run: KindRun): KindFailure {
  const { stderr } = run;
  if (run.notFound)
    return {
      code: 'KIND_NOT_FOUND',
      learnerMessage:
        'Auf dem Server fehlt das Programm kind, darum kann kein Cluster erstellt werden. Bitte gib der Kursleitung Bescheid.',
      mayHaveLeftovers: false,
    };
  // pkg/cluster/internal/create/create.go alreadyExists: checked before anything is made, so
  // there is nothing of ours to remove, and the existing cluster must be left alone.
  if (stderr.includes('node(s) already exist for a cluster with the name'))
    return {
      code: 'CLUSTER_NAME_TAKEN',
      learnerMessage: `Auf dem Server gibt es schon einen Cluster mit dem Namen deiner Sitzung. ${RETRY_LATER}`,
      mayHaveLeftovers: false,
    };
  if (run.timedOut)
    return {
      code: 'KIND_TIMEOUT',
      learnerMessage: `Dein Cluster ist nicht rechtzeitig fertig geworden; der Server ist vermutlich ausgelastet. ${RETRY_LATER}`,
      mayHaveLeftovers: true,
    };
  // pkg/cluster/internal/providers/docker/images.go pull: `failed to pull image %q`.
  const pull = /failed to pull image "([^"]+)"/.exec(stderr);
  if (pull || run.failedStage?.id === 'image') {
    const image = (pull?.[1] ?? run.nodeImage).split('@')[0];
    return {
      code: 'NODE_IMAGE_PULL',
      learnerMessage: `Das Knoten-Image ${image || 'für kind'} konnte nicht geladen werden. Bitte gib der Kursleitung Bescheid.`,
      mayHaveLeftovers: true,
    };
  }
  // Docker's own words when a published port is taken: "Bind for 127.0.0.1:6443 failed: port is
  // already allocated" (another container) or "bind: address already in use" (another process).
  if (/port is already allocated|address already in use/.test(stderr))
    return {
      code: 'PORT_IN_USE',
      learnerMessage: `Ein Port, den dein Cluster braucht, ist auf dem Server gerade belegt. ${RETRY_LATER}`,
      mayHaveLeftovers: true,
    };
  return {
    code: 'KIND_FAILED',
    learnerMessage: `Dein Cluster konnte nicht erstellt werden. ${RETRY_LATER}`,
    mayHaveLeftovers: true,
  };
}

/** The last lines of kind's stderr: enough for an instructor, bounded for the database. */
export function stderrTail(stderr: string, maxLines = 40, maxChars = 4000): string {
  const tail = stderr.trimEnd().split('\n').slice(-maxLines).join('\n');
  return tail.length > maxChars ? tail.slice(-maxChars) : tail;
}
