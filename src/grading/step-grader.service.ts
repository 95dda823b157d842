import { Injectable } from '@nestjs/common';
import type { CheckSpec } from '../labs/schema/check.schema.js';
import type { CheckResult } from './check-result.js';
import { gradeAnswer, type CheckOutcome } from './checks/answer.check.js';
import { StepGrader, type GradeInput } from './step-grader.js';

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Runs a step's checks in parallel, each under its own timeout. This version grades `answer`
 * checks with fixed values; the kinds that read the live cluster report `error` ("cannot look")
 * until the grading engine (#5) lands, so nothing is ever passed or failed without evidence.
 */
@Injectable()
export class StepGraderService extends StepGrader {
  async grade(input: GradeInput): Promise<CheckResult[]> {
    return Promise.all(input.step.checks.map((check) => this.run(check, input)));
  }

  private async run(check: CheckSpec & { id: string }, input: GradeInput): Promise<CheckResult> {
    const started = performance.now();
    const timeoutMs = (check.timeoutSeconds ?? 0) * 1000 || DEFAULT_TIMEOUT_MS;
    let outcome: CheckOutcome;
    try {
      outcome = await withTimeout(this.evaluate(check, input), timeoutMs);
    } catch {
      outcome = {
        status: 'error',
        message: 'Die Prüfung hat nicht rechtzeitig geantwortet. Bitte prüfe gleich noch einmal.',
      };
    }
    return {
      id: check.id,
      kind: check.kind,
      ...(check.title ? { title: check.title } : {}),
      ...outcome,
      durationMs: Math.round(performance.now() - started),
    };
  }

  private evaluate(check: CheckSpec, input: GradeInput): Promise<CheckOutcome> {
    if (check.kind === 'answer')
      return Promise.resolve(gradeAnswer(check, input.answers[check.id]));
    return Promise.resolve({
      status: 'error',
      message: `Die Prüfart „${check.kind}“ ist in dieser kubelab-Version noch nicht verfügbar.`,
    });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
