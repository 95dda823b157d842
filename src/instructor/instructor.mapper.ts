import type {
  Attempt,
  InstructorSession,
  LabProblemView,
  PageView,
  TranscriptEntry,
} from '../contract/instructor.views.js';
import { checkTitle } from '../grading/check-title.js';
import type { Lab, LabProblem } from '../labs/lab.types.js';
import type {
  InstructorAttemptRecord,
  InstructorSessionRecord,
  InstructorTranscriptRecord,
} from './instructor.types.js';
import type { Page } from './page-cursor.js';

/** One row of the dashboard. Step titles come from the lab; a removed lab shows the stored ids. */
export function toInstructorSession(
  session: InstructorSessionRecord,
  lab: Lab | undefined,
  engineName: (dockerEndpoint: string) => string,
): InstructorSession {
  const progress = new Map(session.steps.map((s) => [s.stepId, s]));
  const stepIds = lab ? lab.steps.map((s) => s.id) : session.steps.map((s) => s.stepId);
  const titleOf = (id: string) => lab?.steps.find((s) => s.id === id)?.title ?? id;
  const steps = stepIds.map((id) => ({
    id,
    title: titleOf(id),
    passed: Boolean(progress.get(id)?.passedAt),
    passedAt: progress.get(id)?.passedAt?.toISOString() ?? null,
    attempts: progress.get(id)?.attempts ?? 0,
    hintsRevealed: progress.get(id)?.hintsRevealed ?? 0,
  }));
  return {
    id: session.id,
    learner: session.learner,
    labId: session.labId,
    labTitle: lab?.title ?? session.labId,
    status: session.status,
    message: session.message,
    currentStep: session.currentStep
      ? { id: session.currentStep, title: titleOf(session.currentStep) }
      : null,
    steps,
    progress: { passed: steps.filter((s) => s.passed).length, total: steps.length },
    cluster: session.cluster && {
      name: session.cluster.name,
      driver: session.cluster.driver,
      status: session.cluster.status,
      error: session.cluster.error,
      engine: engineName(session.cluster.dockerEndpoint),
    },
    createdAt: session.createdAt.toISOString(),
    lastActiveAt: session.lastActiveAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    finishedAt: session.finishedAt?.toISOString() ?? null,
  };
}

/**
 * An attempt with each check's technical detail. Checks stored untitled (answer checks before
 * they carried their question) take their title from the lab as it is now.
 */
export function toInstructorAttempt(attempt: InstructorAttemptRecord, lab?: Lab): Attempt {
  const checks = lab?.steps.find((s) => s.id === attempt.stepId)?.checks ?? [];
  const titleOf = (id: string) => {
    const check = checks.find((c) => c.id === id);
    return check ? checkTitle(check) : undefined;
  };
  return {
    id: attempt.id,
    stepId: attempt.stepId,
    passed: attempt.passed,
    durationMs: attempt.durationMs,
    createdAt: attempt.createdAt.toISOString(),
    results: attempt.results.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title ?? titleOf(r.id) ?? null,
      status: r.status,
      message: r.message,
      detail: r.detail ?? null,
      expected: r.expected ?? null,
      observed: r.observed ?? null,
    })),
  };
}

export function toTranscriptEntry(
  entry: InstructorTranscriptRecord,
  stepId: string | null,
): TranscriptEntry {
  return {
    id: entry.id,
    terminal: entry.terminal,
    seq: entry.seq,
    command: entry.command,
    exitCode: entry.exitCode,
    output: entry.output,
    startedAt: entry.startedAt.toISOString(),
    finishedAt: entry.finishedAt?.toISOString() ?? null,
    dropped: entry.dropped,
    stepId,
  };
}

/** A page with its items mapped. */
export function toPage<T, U>(page: Page<T>, map: (item: T) => U): PageView<U> {
  return { items: page.items.map(map), total: page.total, next: page.next };
}

export function toLabProblem(problem: LabProblem): LabProblemView {
  return {
    labId: problem.labId,
    file: problem.file,
    line: problem.line ?? null,
    path: problem.path,
    message: problem.message,
  };
}
