import type { CheckKind } from '../labs/schema/check.schema.js';

/** `error` means the check could not look (cluster unreachable, probe missing): never the learner's fault. */
export type CheckStatus = 'pass' | 'fail' | 'error';

export interface CheckResult {
  id: string;
  kind: CheckKind;
  title?: string;
  status: CheckStatus;
  /** German, for the learner: what is right or wrong, with the observed value where it helps. */
  message: string;
  /**
   * The technical account (command, node, JSONPath, pattern) for the instructor view and
   * `labs:test`; left out where it would repeat `message`, and in attempts stored before it existed.
   */
  detail?: string;
  /** A command the learner can run in their terminal, exactly as shown, to see it themselves. */
  see?: string;
  expected?: unknown;
  observed?: unknown;
  durationMs: number;
}
