import { TokenBucket } from './token-bucket.js';

describe(TokenBucket.name, () => {
  it('allows a burst, then refills at the rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 3, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    now += 100;
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 10_000;
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('says how long until the next event is allowed, and when it is full again', () => {
    let now = 0;
    const bucket = new TokenBucket(0.5, 2, () => now);
    expect(bucket.isFull()).toBe(true);
    bucket.take();
    bucket.take();
    expect(bucket.take()).toBe(false);
    expect(bucket.msUntilNext()).toBe(2000);
    now += 1500;
    expect(bucket.msUntilNext()).toBe(500);
    expect(bucket.isFull()).toBe(false);
    now += 500;
    expect(bucket.msUntilNext()).toBe(0);
    now += 2000;
    expect(bucket.isFull()).toBe(true);
  });
});
