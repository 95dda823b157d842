/**
 * When the learner began `stepId`: the moment the step before it (in the lab's order) was passed,
 * or the session's start for the first step and for a step whose predecessor is not passed yet.
 * Never before the environment was last made ready, though: what its setup and the replay of
 * passed steps created (on resume, after the earlier passes) is no work done in this step.
 */
export function stepStartedAt(
  stepIds: readonly string[],
  progress: readonly { stepId: string; passedAt: Date | null }[],
  stepId: string,
  session: { createdAt: Date; readyAt: Date | null },
): Date {
  const previous = stepIds[stepIds.indexOf(stepId) - 1];
  const passedAt = progress.find((p) => p.stepId === previous)?.passedAt;
  const begun = passedAt ?? session.createdAt;
  return session.readyAt && session.readyAt > begun ? session.readyAt : begun;
}
