import { FakeClock } from '../../../test/support/fake-clock.js';
import { RefillBackoff } from './refill-backoff.js';

describe(RefillBackoff.name, () => {
  it('doubles the wait after each failure of a profile, up to 30 minutes', () => {
    const backoff = new RefillBackoff(new FakeClock());
    const waits = Array.from({ length: 7 }, () => backoff.failed('a') / 60_000);
    expect(waits).toEqual([1, 2, 4, 8, 16, 30, 30]);
  });

  it('blocks a failed profile until its wait is over, and no other profile', () => {
    const clock = new FakeClock();
    const backoff = new RefillBackoff(clock);
    backoff.failed('a');
    backoff.failed('a');
    expect(backoff.blocked('a')).toBe(true);
    expect(backoff.blocked('b')).toBe(false);
    expect(backoff.nextRetryInMs()).toBe(2 * 60_000);
    clock.advanceMinutes(1);
    expect(backoff.blocked('a')).toBe(true);
    expect(backoff.nextRetryInMs()).toBe(60_000);
    clock.advanceMinutes(1);
    expect(backoff.blocked('a')).toBe(false);
    expect(backoff.nextRetryInMs()).toBeUndefined();
  });

  it('starts over after a success', () => {
    const backoff = new RefillBackoff(new FakeClock());
    backoff.failed('a');
    backoff.failed('a');
    backoff.succeeded('a');
    expect(backoff.blocked('a')).toBe(false);
    expect(backoff.failed('a')).toBe(60_000);
  });
});
