import type { CheckResult } from '../grading/check-result.js';
import type { TranscriptCommand } from '../grading/transcript-reader.repository.js';
import type { Lab, LoadedStep } from '../labs/lab.types.js';

/** A cluster a lab test runs on: real kind (`npm run labs:test`) or the offline simulator. */
export interface LabTestTarget {
  /** Brings a fresh cluster into the lab's starting state. */
  setup(lab: Lab): Promise<void>;
  /** What the step breaks when it begins (its `setup`), after the earlier steps' solutions. */
  setupStep(lab: Lab, step: LoadedStep): Promise<void>;
  /** Runs the step's reference solution; returns the commands it ran, as a terminal transcript. */
  applySolution(lab: Lab, step: LoadedStep): Promise<TranscriptCommand[]>;
  /** The value each `answer` check accepts now (the reference answers). */
  referenceAnswers(lab: Lab, step: LoadedStep): Promise<Record<string, string>>;
  /** The cluster's clock: objects it creates from now on are younger than this moment. */
  now(): Date;
  grade(
    lab: Lab,
    step: LoadedStep,
    answers: Record<string, string>,
    transcript: TranscriptCommand[],
    stepStartedAt: Date,
  ): Promise<CheckResult[]>;
}

export interface CheckVerdict {
  step: string;
  check: string;
  kind: string;
  before?: CheckResult['status'];
  after: CheckResult['status'] | 'skipped';
  /** Empty when the check behaved; else what went wrong, in English for the lab author. */
  problem: string;
  /** Why the step was not judged on this host (its solution still ran). */
  skipped?: string;
  detail?: string;
}

export interface LabTestReport {
  lab: string;
  verdicts: CheckVerdict[];
  /** A step that could not even be run (solution failed). */
  aborted?: { step: string; error: string };
}

export interface LabTestOptions {
  /** Which checks are judged; the simulator can judge only those that read objects. */
  judged: (check: LoadedStep['checks'][number]) => boolean;
  /**
   * Checks that must each fail before their step's solution (offline: those that read objects).
   * For all other judged checks only the step as a whole must not pass before it: a probe that
   * guards against an over-broad solution ("db must not reach backend") may pass from the start.
   */
  mustFailBefore: (check: LoadedStep['checks'][number]) => boolean;
  /**
   * A real cluster needs a moment after a solution (pods start, kube-proxy syncs): grade again
   * this many times, `delayMs` apart, until the judged checks pass — as a learner would press
   * „Prüfen“ again. The simulator is settled at once.
   */
  settle?: { attempts: number; delayMs: number };
  /** A reason to run a step's solution without judging it on this host, or undefined. */
  skip?: (step: LoadedStep) => string | undefined;
}

/**
 * The lab test of issue #6: per step, its checks must not pass before the reference solution
 * (unless the step is `observe: true`) and must pass after it. Steps run in lab order on one
 * cluster, so each starts from the state the earlier solutions left, as for a learner, plus what
 * its own `setup` breaks when it begins.
 */
export async function runLabTest(
  target: LabTestTarget,
  lab: Lab,
  options: LabTestOptions,
): Promise<LabTestReport> {
  const report: LabTestReport = { lab: lab.id, verdicts: [] };
  await target.setup(lab);
  for (const step of lab.steps) {
    if (step.setupFiles.length > 0) await target.setupStep(lab, step);
    const judged = step.checks.filter(options.judged);
    if (judged.length === 0) continue;
    const skipped = options.skip?.(step);
    const startedAt = target.now();
    const before = step.observe || skipped ? [] : await target.grade(lab, step, {}, [], startedAt);
    let transcript: TranscriptCommand[];
    try {
      transcript = await target.applySolution(lab, step);
    } catch (error) {
      report.aborted = {
        step: step.id,
        error: error instanceof Error ? error.message : String(error),
      };
      return report;
    }
    if (skipped) {
      // Its solution ran, so later steps start where a learner would; it is only not judged.
      for (const check of judged)
        report.verdicts.push({
          step: step.id,
          check: check.id,
          kind: check.kind,
          after: 'skipped',
          problem: '',
          skipped,
        });
      continue;
    }
    const after = await gradeSettled(
      target,
      { lab, step, startedAt },
      transcript,
      judged,
      options.settle,
    );
    const judgedBefore = before.filter((r) => judged.some((c) => c.id === r.id));
    const stepPassedBefore =
      judgedBefore.length > 0 && judgedBefore.every((r) => r.status === 'pass');
    for (const check of judged) {
      const was = before.find((r) => r.id === check.id);
      const now = after.find((r) => r.id === check.id);
      const problems: string[] = [];
      const passedBefore = options.mustFailBefore(check)
        ? was?.status === 'pass'
        : stepPassedBefore;
      if (passedBefore) problems.push('passes before the solution');
      if (was?.status === 'error') problems.push('cannot look before the solution');
      if (now?.status !== 'pass') problems.push(`${now?.status ?? 'missing'} after the solution`);
      report.verdicts.push({
        step: step.id,
        check: check.id,
        kind: check.kind,
        ...(was ? { before: was.status } : {}),
        after: now?.status ?? 'error',
        problem: problems.join('; '),
        ...(problems.length > 0
          ? {
              detail: [was, now]
                .map((r) => r?.detail ?? r?.message)
                .filter(Boolean)
                .join(' | '),
            }
          : {}),
      });
    }
  }
  return report;
}

async function gradeSettled(
  target: LabTestTarget,
  { lab, step, startedAt }: { lab: Lab; step: LoadedStep; startedAt: Date },
  transcript: TranscriptCommand[],
  judged: LoadedStep['checks'],
  settle: LabTestOptions['settle'] = { attempts: 1, delayMs: 0 },
): Promise<CheckResult[]> {
  let results: CheckResult[] = [];
  for (let attempt = 1; attempt <= Math.max(1, settle.attempts); attempt++) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, settle.delayMs));
    const answers = await target.referenceAnswers(lab, step);
    results = await target.grade(lab, step, answers, transcript, startedAt);
    const passed = judged.every((c) => results.find((r) => r.id === c.id)?.status === 'pass');
    if (passed) break;
  }
  return results;
}

export function failedVerdicts(report: LabTestReport): CheckVerdict[] {
  return report.verdicts.filter((v) => v.problem !== '');
}

/** A plain-text table for the terminal: one row per judged check. */
export function formatReport(report: LabTestReport): string {
  const rows = report.verdicts.map((v) => [
    v.step,
    v.check,
    v.kind,
    v.skipped ? '-' : (v.before ?? '(observe)'),
    v.after,
    v.skipped
      ? `skipped: ${v.skipped}`
      : v.problem === ''
        ? 'ok'
        : `MISS: ${v.problem}${v.detail ? ` — ${v.detail}` : ''}`,
  ]);
  const header = ['step', 'check', 'kind', 'before', 'after', 'result'];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (i < 5 ? (r[i] ?? '').length : 0))),
  );
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 5 ? c.padEnd(widths[i] ?? 0) : c)).join('  ');
  const lines = [`${report.lab}`, line(header), ...rows.map(line)];
  if (report.aborted) lines.push(`ABORTED at step ${report.aborted.step}: ${report.aborted.error}`);
  return lines.join('\n');
}
