/** What a slot reports to: the counts of connection-limits.ts. */
export interface SlotCounter {
  /** Counts one more connection for `learnerId`; false when they are at their limit. */
  claimFor(learnerId: string): boolean;
  /** One connection fewer in the total, and for its learner if it was claimed. */
  releaseSlot(learnerId: string | null): void;
}

/** One counted connection; `release` may be called any number of times. */
export class ConnectionSlot {
  private learnerId: string | null = null;
  private released = false;

  constructor(private readonly limits: SlotCounter) {}

  /** Counts the connection for `learnerId` as well; false (and not counted) when they are full. */
  claim(learnerId: string): boolean {
    if (this.released || this.learnerId !== null) return !this.released;
    if (!this.limits.claimFor(learnerId)) return false;
    this.learnerId = learnerId;
    return true;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.limits.releaseSlot(this.learnerId);
  }
}
