import type { CheckKind, CheckSpec } from '../labs/schema/check.schema.js';
import type { CheckResult } from './check-result.js';
import type { GradeInput } from './step-grader.js';

/** The spec a check of kind K grades: the lab's check of that kind, with its (assigned) id. */
export type CheckSpecOf<K extends CheckKind> = Extract<CheckSpec, { kind: K }> & { id: string };

export type CheckOutcome = Omit<CheckResult, 'id' | 'kind' | 'title' | 'durationMs'>;

/** One check kind: reads what it needs (answers, cluster) and says pass, fail or error. */
export interface CheckEvaluator<K extends CheckKind = CheckKind> {
  readonly kind: K;
  evaluate(spec: CheckSpecOf<K>, input: GradeInput): Promise<CheckOutcome>;
}

export const CHECK_EVALUATORS = Symbol('CHECK_EVALUATORS');
