import { poll } from './poll.js';

describe(poll.name, () => {
  const counter = () => {
    let reads = 0;
    return { read: () => Promise.resolve(++reads), reads: () => reads };
  };

  it('reads until the value is done and returns it', async () => {
    const c = counter();
    expect(await poll(c.read, (n) => n === 3, { intervalMs: 1 })).toBe(3);
    expect(c.reads()).toBe(3);
  });

  it('stops after the given attempts with the last value', async () => {
    const c = counter();
    expect(await poll(c.read, () => false, { intervalMs: 1, attempts: 4 })).toBe(4);
  });

  it('starts no read once the deadline has passed', async () => {
    const c = counter();
    const deadline = new Date('2026-01-01T10:00:00Z');
    let now = new Date('2026-01-01T09:59:59Z');
    const value = await poll(
      () => {
        now = new Date(now.getTime() + 1000);
        return c.read();
      },
      () => false,
      { intervalMs: 1, deadline, now: () => now },
    );
    expect(value).toBe(1);
  });
});
