/**
 * A fair FIFO queue for cluster creations with a concurrency limit: creating a kind cluster
 * takes a minute and much CPU, so only `concurrency` run at once and everyone else waits in
 * order and can be told their position.
 */
export class CreationQueue {
  private readonly waiting: { id: string; start: () => void; cancel: () => void }[] = [];
  private running = 0;

  constructor(private readonly concurrency: number) {
    if (concurrency < 1) throw new Error('concurrency must be at least 1');
  }

  /** Runs `job` when a slot is free. `onPosition` hears 1, 2, … while waiting (not called when it starts at once). */
  run<T>(id: string, job: () => Promise<T>, onPosition?: (position: number) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running++;
        job()
          .then(resolve, reject)
          .finally(() => {
            this.running--;
            this.next();
          });
      };
      if (this.running < this.concurrency && this.waiting.length === 0) {
        start();
        return;
      }
      this.waiting.push({ id, start, cancel: () => reject(new CreationCancelled(id)) });
      this.listeners.set(id, onPosition);
      onPosition?.(this.waiting.length);
    });
  }

  /** 1-based position of a waiting job, or 0 when it is not waiting (running or unknown). */
  position(id: string): number {
    return this.waiting.findIndex((w) => w.id === id) + 1;
  }

  /** Removes a job that has not started (its promise rejects with CreationCancelled); true when it was waiting. */
  cancel(id: string): boolean {
    const index = this.waiting.findIndex((w) => w.id === id);
    if (index < 0) return false;
    const [job] = this.waiting.splice(index, 1);
    job.cancel();
    this.listeners.delete(id);
    this.announce();
    return true;
  }

  get size(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private readonly listeners = new Map<string, ((position: number) => void) | undefined>();

  private next(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.listeners.delete(job.id);
      job.start();
    }
    this.announce();
  }

  private announce(): void {
    this.waiting.forEach((w, index) => this.listeners.get(w.id)?.(index + 1));
  }
}

export class CreationCancelled extends Error {
  constructor(id: string) {
    super(`creation ${id} was cancelled before it started`);
    this.name = 'CreationCancelled';
  }
}
