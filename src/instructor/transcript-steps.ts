/** When the learner pressed „Prüfen“ (or the background check passed) on which step. */
export interface AttemptMark {
  stepId: string;
  createdAt: Date;
}

/**
 * Which step a command belongs to. Transcript rows do not store the step that was open (the
 * terminal does not know it), so it is derived: a command is work on the step the learner
 * checked next, the first attempt at or after it began; a command after the last attempt is
 * work on the step open now. A learner who jumps ahead without checking is attributed to the
 * step they check next, which is where the work was graded.
 *
 * @param attempts the session's attempts, oldest first
 */
export function stepOfCommand(
  startedAt: Date,
  attempts: readonly AttemptMark[],
  currentStep: string | null,
): string | null {
  let low = 0;
  let high = attempts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (attempts[middle].createdAt < startedAt) low = middle + 1;
    else high = middle;
  }
  return attempts[low]?.stepId ?? currentStep;
}
