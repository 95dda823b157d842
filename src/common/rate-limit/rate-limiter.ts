import { Injectable } from '@nestjs/common';
import { Clock } from '../adapters/clock.js';
import type { Rate } from '../../config/rate-setting.js';
import { TokenBucket } from './token-bucket.js';

/** Beyond this many buckets per limit, full ones (which behave like new ones) are dropped. */
const SWEEP_ABOVE = 1000;

/**
 * In-memory token buckets per limit and key (a client address, a learner, …). One server holds
 * the whole class, so memory is the right place; a restart forgives everyone, which is fine.
 */
@Injectable()
export class RateLimiter {
  private readonly limits = new Map<string, Map<string, TokenBucket>>();

  constructor(private readonly clock: Clock) {}

  /** Counts one event; returns 0 when it is allowed, else the milliseconds until it would be. */
  take(limit: string, rate: Rate, key: string): number {
    let buckets = this.limits.get(limit);
    if (!buckets) {
      buckets = new Map<string, TokenBucket>();
      this.limits.set(limit, buckets);
    }
    let bucket = buckets.get(key);
    if (!bucket) {
      if (buckets.size >= SWEEP_ABOVE) sweep(buckets);
      bucket = new TokenBucket(rate.count / rate.perSeconds, rate.count, () =>
        this.clock.now().getTime(),
      );
      buckets.set(key, bucket);
    }
    return bucket.take() ? 0 : bucket.msUntilNext();
  }
}

function sweep(buckets: Map<string, TokenBucket>): void {
  for (const [key, bucket] of buckets) if (bucket.isFull()) buckets.delete(key);
}
