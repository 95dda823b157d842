import type { Clock } from '../../common/adapters/clock.js';

const BASE_MS = 60_000;
const MAX_MS = 30 * 60_000;

/**
 * Per pool profile: after a failed pool creation (kind failed, or NetworkPolicy enforcement was
 * not proven) the next attempt waits 1, 2, 4, … minutes, at most 30; a success starts over. A
 * host that cannot make a working cluster is so not asked again and again.
 */
export class RefillBackoff {
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(private readonly clock: Clock) {}

  /** Records a failure; the wait before the next attempt, in ms. */
  failed(profile: string): number {
    const count = (this.failures.get(profile)?.count ?? 0) + 1;
    const delay = Math.min(BASE_MS * 2 ** (count - 1), MAX_MS);
    this.failures.set(profile, { count, until: this.now() + delay });
    return delay;
  }

  succeeded(profile: string): void {
    this.failures.delete(profile);
  }

  blocked(profile: string): boolean {
    return (this.failures.get(profile)?.until ?? 0) > this.now();
  }

  /** ms until the first blocked profile may try again; undefined when none is blocked. */
  nextRetryInMs(): number | undefined {
    const waits = [...this.failures.values()]
      .map((f) => f.until - this.now())
      .filter((ms) => ms > 0);
    return waits.length > 0 ? Math.min(...waits) : undefined;
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}
