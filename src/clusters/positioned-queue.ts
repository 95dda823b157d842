/**
 * Waiters in first-come order; `announce` tells each its 1-based position if it changed since
 * it was last told. EnvironmentSlots (waiting for room) and CreationQueue (waiting for a creation
 * turn) keep their waiters here; what a waiter is admitted to is theirs to decide.
 */
export class PositionedQueue<W extends { id: string }> {
  private readonly entries: {
    waiter: W;
    onPosition?: (position: number) => void;
    told: number;
  }[] = [];

  /** Adds a waiter at the end; it hears its position at the next `announce`. */
  push(waiter: W, onPosition?: (position: number) => void): void {
    this.entries.push({ waiter, onPosition, told: 0 });
  }

  /** Takes the first waiter out (the others hear their new positions at the next `announce`). */
  shift(): W | undefined {
    return this.entries.shift()?.waiter;
  }

  /** Takes a waiter out by id (undefined when it is not waiting). */
  remove(id: string): W | undefined {
    const index = this.entries.findIndex((e) => e.waiter.id === id);
    return index < 0 ? undefined : this.entries.splice(index, 1)[0].waiter;
  }

  removeAll(): W[] {
    return this.entries.splice(0).map((e) => e.waiter);
  }

  /** 1-based position of a waiter, or 0 when it is not waiting. */
  position(id: string): number {
    return this.entries.findIndex((e) => e.waiter.id === id) + 1;
  }

  get length(): number {
    return this.entries.length;
  }

  announce(): void {
    this.entries.forEach((entry, index) => {
      if (entry.told === index + 1) return;
      entry.told = index + 1;
      entry.onPosition?.(index + 1);
    });
  }
}
