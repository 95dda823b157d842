import type { CheckKind } from '../labs/schema/check.schema.js';

/** `error` means the check could not look (cluster unreachable, probe missing): never the learner's fault. */
export type CheckStatus = 'pass' | 'fail' | 'error';

export interface CheckResult {
  id: string;
  kind: CheckKind;
  title?: string;
  status: CheckStatus;
  /** German, for the learner. */
  message: string;
  expected?: unknown;
  observed?: unknown;
  durationMs: number;
}
