/**
 * When the learner began `stepId`: the moment the step before it (in the lab's order) was passed,
 * or the session's start for the first step and for a step whose predecessor is not passed yet.
 */
export function stepStartedAt(
  stepIds: readonly string[],
  progress: readonly { stepId: string; passedAt: Date | null }[],
  stepId: string,
  sessionStartedAt: Date,
): Date {
  const previous = stepIds[stepIds.indexOf(stepId) - 1];
  const passedAt = progress.find((p) => p.stepId === previous)?.passedAt;
  return passedAt ?? sessionStartedAt;
}
