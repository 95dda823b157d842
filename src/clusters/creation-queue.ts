import { PositionedQueue } from './positioned-queue.js';

/**
 * A fair FIFO queue for cluster creations with a concurrency limit: creating a kind cluster
 * takes a minute and much CPU, so only `concurrency` run at once and everyone else waits in
 * order and can be told their position.
 */
export class CreationQueue {
  private readonly waiting = new PositionedQueue<{
    id: string;
    start: () => void;
    cancel: () => void;
  }>();
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
      this.waiting.push({ id, start, cancel: () => reject(new CreationCancelled(id)) }, onPosition);
      this.waiting.announce();
    });
  }

  /** 1-based position of a waiting job, or 0 when it is not waiting (running or unknown). */
  position(id: string): number {
    return this.waiting.position(id);
  }

  /** Removes a job that has not started (its promise rejects with CreationCancelled); true when it was waiting. */
  cancel(id: string): boolean {
    const job = this.waiting.remove(id);
    if (!job) return false;
    job.cancel();
    this.waiting.announce();
    return true;
  }

  get size(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private next(): void {
    while (this.running < this.concurrency && this.waiting.length > 0)
      this.waiting.shift()!.start();
    this.waiting.announce();
  }
}

export class CreationCancelled extends Error {
  constructor(id: string) {
    super(`creation ${id} was cancelled before it started`);
    this.name = 'CreationCancelled';
  }
}
