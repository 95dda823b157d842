import { Logger } from '@nestjs/common';
import { PositionedQueue } from './positioned-queue.js';

interface Waiter {
  id: string;
  book: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * KUBELAB_MAX_CLUSTERS over every environment: learners' own and the warm pool's. A learner who
 * finds no room waits in a fair FIFO queue and hears their position; the pool books room only
 * when nobody waits, and gives up idle environments (`onReclaim`) when a learner needs the room.
 *
 * Concurrency: counting what exists (`occupied`, the cluster rows) and booking (the caller's
 * `book`, which writes the row) run under one lock, so two admissions never see the same free
 * slot. Whoever frees room (an environment deleted or failed) calls `freed()` to admit the next.
 */
export class EnvironmentSlots {
  private readonly logger = new Logger(EnvironmentSlots.name);
  private readonly waiting = new PositionedQueue<Waiter>();
  private lock: Promise<void> = Promise.resolve();
  private reclaim: () => Promise<boolean> = () => Promise.resolve(false);
  private readonly roomListeners: (() => void)[] = [];

  private readonly limit: () => number;

  /**
   * `limit` may change (engines lost and back): a function is asked at every admission, and
   * `freed()` is to be called when it grows.
   */
  constructor(
    limit: number | (() => number),
    private readonly occupied: () => Promise<number>,
  ) {
    if (typeof limit === 'number' && limit < 1) throw new Error('limit must be at least 1');
    this.limit = typeof limit === 'number' ? () => limit : limit;
  }

  /**
   * Waits for room, then runs `book` under the lock and resolves with its result. `onPosition`
   * hears 1, 2, … while waiting (not called when there is room at once).
   */
  acquire<T>(
    id: string,
    book: () => Promise<T>,
    onPosition?: (position: number) => void,
  ): Promise<T> {
    const admitted = new Promise<T>((resolve, reject) => {
      this.waiting.push(
        { id, book, resolve: resolve as (value: unknown) => void, reject },
        onPosition,
      );
    });
    this.pump();
    return admitted;
  }

  /** For the warm pool: books only when nobody waits and there is room; null otherwise. */
  tryAcquire<T>(book: () => Promise<T>): Promise<T | null> {
    return this.exclusive(async () => {
      if (this.waiting.length > 0 || (await this.occupied()) >= this.limit()) return null;
      return book();
    });
  }

  /** Room may have come free: admits waiting learners, then tells room listeners. */
  freed(): void {
    this.pump();
  }

  /** Removes a waiting learner (its promise rejects with SlotWaitCancelled); true when it waited. */
  cancel(id: string): boolean {
    const waiter = this.waiting.remove(id);
    waiter?.reject(new SlotWaitCancelled(id));
    this.waiting.announce();
    return waiter !== undefined;
  }

  /** Ends every wait, e.g. at shutdown; the sessions stay queued and restart after the next start. */
  cancelAll(): void {
    for (const waiter of this.waiting.removeAll()) waiter.reject(new SlotWaitCancelled(waiter.id));
  }

  /** 1-based position of a waiting learner, or 0. */
  position(id: string): number {
    return this.waiting.position(id);
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  /** `reclaim` frees one idle environment and says whether it did (the warm pool registers here). */
  onReclaim(reclaim: () => Promise<boolean>): void {
    this.reclaim = reclaim;
  }

  /** Called after room came free and no learner waits (the warm pool refills then). */
  onRoom(listener: () => void): void {
    this.roomListeners.push(listener);
  }

  /** Resolves when no admission runs (tests, shutdown). */
  async whenIdle(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.lock;
      await seen;
    } while (seen !== this.lock);
  }

  private pump(): void {
    this.exclusive(() => this.admit()).catch((error: unknown) =>
      this.logger.error(`Admitting waiting learners failed: ${String(error)}`),
    );
  }

  private async admit(): Promise<void> {
    // Each reclaim frees one environment; more than `limit` in one pass would mean it lies.
    let reclaims = 0;
    while (this.waiting.length > 0) {
      const limit = this.limit();
      if ((await this.occupied()) >= limit) {
        if (reclaims++ >= limit || !(await this.reclaim())) break;
        continue;
      }
      const head = this.waiting.shift()!;
      try {
        head.resolve(await head.book());
      } catch (error) {
        head.reject(error);
      }
    }
    this.waiting.announce();
    if (this.waiting.length === 0) this.roomListeners.forEach((listener) => listener());
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.lock.then(work);
    this.lock = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }
}

export class SlotWaitCancelled extends Error {
  constructor(id: string) {
    super(`waiting for an environment slot (${id}) was cancelled`);
    this.name = 'SlotWaitCancelled';
  }
}
