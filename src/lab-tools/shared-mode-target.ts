import type { LabTestTarget } from './lab-test-runner.js';

/**
 * The seam for labs:test in shared mode (issue #14): there the solutions run in the learner's
 * toolbox with the learner's rights and the real `knoten`, which the learner-access work builds.
 * Until that target is wired in here, a shared run says so rather than testing in a node.
 */
export function sharedModeTarget(): LabTestTarget & { cleanup(keep: boolean): Promise<void> } {
  throw new Error(
    'the shared-mode target (toolbox, learner access, knoten) is not wired into labs:test yet; run with --mode local',
  );
}
