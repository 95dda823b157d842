/** The fields the rule below reads; every session shape in the server has them. */
export interface UsableFields {
  status: string;
  expiresAt: Date;
  cluster: object | null;
}

/**
 * The one rule for "the learner can work on this session now": it is ready, has an environment
 * and its lifetime is not over (the reaper may not have expired it yet).
 */
export function isUsable(session: UsableFields, now: Date): boolean {
  return session.status === 'ready' && session.cluster !== null && session.expiresAt > now;
}

/** The same rule as a database filter, for writes and reads that must not load rows first. */
export function usableWhere(now: Date) {
  return { status: 'ready', clusterId: { not: null }, expiresAt: { gt: now } };
}
