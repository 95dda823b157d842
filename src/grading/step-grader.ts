import type { EnvironmentHandle } from '../clusters/environment-handle.js';
import type { Lab, LoadedStep } from '../labs/lab.types.js';
import type { CheckResult } from './check-result.js';
import type { KubeReader } from '../kube/kube-reader.js';
import type { TranscriptCommand } from './transcript-reader.repository.js';

export interface GradeInput {
  lab: Lab;
  step: LoadedStep;
  /** The learner's typed answers, by answer-check id. */
  answers: Record<string, string>;
  /** Opened only when a check needs the cluster; the grader opens each at most once per run. */
  handle: () => Promise<EnvironmentHandle>;
  /** The cluster's API, read-only. */
  kube: () => Promise<KubeReader>;
  /** The commands the learner ran in the session's terminals since `since`, oldest first. */
  transcript: (since: Date) => Promise<TranscriptCommand[]>;
  /** When the learner began this step: the previous step's pass, or the session's start. */
  stepStartedAt: Date;
}

/** Runs a step's checks. */
export abstract class StepGrader {
  abstract grade(input: GradeInput): Promise<CheckResult[]>;
}
