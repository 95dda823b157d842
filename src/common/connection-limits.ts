import { ConnectionSlot, type SlotCounter } from './connection-slot.js';

/** Why a connection was refused: the server is at its total, or this learner at theirs. */
export type ConnectionRefusal = 'server' | 'learner';

/**
 * Open long-lived connections of one kind (server-sent event streams, terminal sockets), in
 * total and per learner, so that no learner can hold the server's sockets and memory. A
 * connection is counted in the total as soon as it opens and for its learner once it is known
 * (a WebSocket authenticates with its first message).
 */
export class ConnectionLimits implements SlotCounter {
  private total = 0;
  private readonly perLearner = new Map<string, number>();

  constructor(
    readonly maxTotal: number,
    readonly maxPerLearner: number,
  ) {}

  /** A slot in the total, or null when the server has `maxTotal` open. */
  open(): ConnectionSlot | null {
    if (this.total >= this.maxTotal) return null;
    this.total++;
    return new ConnectionSlot(this);
  }

  /** A slot counted in the total and for `learnerId`, or why there is none. */
  admit(learnerId: string): ConnectionSlot | ConnectionRefusal {
    const slot = this.open();
    if (!slot) return 'server';
    if (slot.claim(learnerId)) return slot;
    slot.release();
    return 'learner';
  }

  /** Open connections in total, or of one learner. */
  count(learnerId?: string): number {
    return learnerId === undefined ? this.total : (this.perLearner.get(learnerId) ?? 0);
  }

  claimFor(learnerId: string): boolean {
    const open = this.perLearner.get(learnerId) ?? 0;
    if (open >= this.maxPerLearner) return false;
    this.perLearner.set(learnerId, open + 1);
    return true;
  }

  releaseSlot(learnerId: string | null): void {
    this.total--;
    if (learnerId === null) return;
    const left = (this.perLearner.get(learnerId) ?? 1) - 1;
    if (left > 0) this.perLearner.set(learnerId, left);
    else this.perLearner.delete(learnerId);
  }
}
