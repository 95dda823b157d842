import type { ClusterHandle } from '../clusters/cluster-handle.js';
import type { Lab, LoadedStep } from '../labs/lab.types.js';
import type { CheckResult } from './check-result.js';

export interface GradeInput {
  lab: Lab;
  step: LoadedStep;
  /** The learner's typed answers, by answer-check id. */
  answers: Record<string, string>;
  /** Opened only when a check needs the cluster. */
  handle: () => Promise<ClusterHandle>;
}

/** Runs a step's checks. The full engine (every check kind) is the grading issue (#5). */
export abstract class StepGrader {
  abstract grade(input: GradeInput): Promise<CheckResult[]>;
}
