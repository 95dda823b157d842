import type { CheckResultView, SessionView } from '../contract/session.views.js';
import type { CheckResult } from '../grading/check-result.js';
import type { Lab } from '../labs/lab.types.js';
import type { SessionRecord } from './session.types.js';

/** The learner's view of a session; cluster internals (endpoint, driver errors) stay out. */
export function toSessionView(session: SessionRecord, lab: Lab | undefined): SessionView {
  const progress = new Map(session.steps.map((s) => [s.stepId, s]));
  const stepIds = lab ? lab.steps.map((s) => s.id) : session.steps.map((s) => s.stepId);
  const steps = stepIds.map((id) => {
    const p = progress.get(id);
    return {
      id,
      title: lab?.steps.find((s) => s.id === id)?.title ?? id,
      passed: Boolean(p?.passedAt),
      passedAt: p?.passedAt?.toISOString() ?? null,
      attempts: p?.attempts ?? 0,
      hintsRevealed: p?.hintsRevealed ?? 0,
    };
  });
  return {
    id: session.id,
    labId: session.labId,
    labTitle: lab?.title ?? session.labId,
    status: session.status,
    message: session.message,
    currentStep: session.currentStep,
    steps,
    progress: { passed: steps.filter((s) => s.passed).length, total: steps.length },
    cluster: session.cluster
      ? { name: session.cluster.name, status: session.cluster.status }
      : null,
    createdAt: session.createdAt.toISOString(),
    lastActiveAt: session.lastActiveAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    finishedAt: session.finishedAt?.toISOString() ?? null,
  };
}

/**
 * A check result as the learner sees it: the sentence and the command to look for themselves.
 * The technical detail and the raw expected/observed values are the instructor's.
 */
export function toCheckResultView(result: CheckResult): CheckResultView {
  return {
    id: result.id,
    kind: result.kind,
    ...(result.title ? { title: result.title } : {}),
    status: result.status,
    message: result.message,
    ...(result.see ? { see: result.see } : {}),
    durationMs: result.durationMs,
  };
}
