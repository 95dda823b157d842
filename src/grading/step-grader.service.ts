import { Inject, Injectable, Logger } from '@nestjs/common';
import { DriverError } from '../clusters/environment-driver.js';
import type { CheckSpec } from '../labs/schema/check.schema.js';
import { CannotCheckError } from './check-errors.js';
import { checkTitle } from './check-title.js';
import { CHECK_EVALUATORS, type CheckEvaluator, type CheckOutcome } from './check-evaluator.js';
import type { CheckResult } from './check-result.js';
import { JsonPathError } from '../kube/json-path.js';
import { KubeApiError } from '../kube/kube-reader.js';
import { StepGrader, type GradeInput } from './step-grader.js';

const DEFAULT_TIMEOUT_MS = 30_000;

class CheckTimeout extends Error {}

/**
 * Runs a step's checks in parallel, each under its own timeout, through one evaluator per
 * check kind. A kind without an evaluator, a timeout or a crash is `error` ("could not look"),
 * so nothing is ever passed or failed without evidence.
 */
@Injectable()
export class StepGraderService extends StepGrader {
  private readonly logger = new Logger(StepGraderService.name);
  private readonly evaluators: Map<string, CheckEvaluator>;

  constructor(@Inject(CHECK_EVALUATORS) evaluators: CheckEvaluator[]) {
    super();
    this.evaluators = new Map(evaluators.map((e) => [e.kind, e]));
  }

  async grade(input: GradeInput): Promise<CheckResult[]> {
    // Checks run in parallel; they share one handle and one API client per run.
    const shared = { ...input, handle: once(input.handle), kube: once(input.kube) };
    return Promise.all(input.step.checks.map((check) => this.run(check, shared)));
  }

  private async run(check: CheckSpec & { id: string }, input: GradeInput): Promise<CheckResult> {
    const started = performance.now();
    const timeoutMs = (check.timeoutSeconds ?? 0) * 1000 || DEFAULT_TIMEOUT_MS;
    let outcome: CheckOutcome;
    try {
      outcome = await withTimeout(this.evaluate(check, input), timeoutMs);
    } catch (error) {
      outcome = {
        status: 'error',
        message: this.describeFailure(check, error),
        detail: error instanceof Error ? error.message : String(error),
      };
    }
    const title = checkTitle(check);
    return {
      id: check.id,
      kind: check.kind,
      ...(title ? { title } : {}),
      ...outcome,
      durationMs: Math.round(performance.now() - started),
    };
  }

  private evaluate(check: CheckSpec & { id: string }, input: GradeInput): Promise<CheckOutcome> {
    const evaluator = this.evaluators.get(check.kind);
    if (!evaluator) {
      return Promise.resolve({
        status: 'error',
        message: `Die Prüfart „${check.kind}“ ist in dieser kubelab-Version noch nicht verfügbar.`,
      });
    }
    return evaluator.evaluate(check, input);
  }

  private describeFailure(check: CheckSpec & { id: string }, error: unknown): string {
    if (error instanceof CheckTimeout) {
      return 'Die Prüfung hat nicht rechtzeitig geantwortet. Bitte prüfe gleich noch einmal.';
    }
    const known = knownFailure(error);
    if (known) {
      this.logger.warn(`Check ${check.id} (${check.kind}) could not look: ${String(error)}`);
      return known;
    }
    this.logger.error(
      `Check ${check.id} (${check.kind}) crashed: ${error instanceof Error ? error.stack : String(error)}`,
    );
    return 'Die Prüfung konnte nicht ausgeführt werden. Bitte prüfe gleich noch einmal.';
  }
}

/**
 * The German text of a failure expected now and then (the cluster or a lab, not a bug); each of
 * these error classes words itself for learners, beside the failure it describes.
 */
function knownFailure(error: unknown): string | undefined {
  const known =
    error instanceof CannotCheckError ||
    error instanceof DriverError ||
    error instanceof JsonPathError ||
    error instanceof KubeApiError;
  return known ? error.learnerMessage : undefined;
}

function once<T>(open: () => Promise<T>): () => Promise<T> {
  let opened: Promise<T> | undefined;
  return () => (opened ??= open());
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
