import { jest } from '@jest/globals';
import { CoalescingTrigger } from './coalescing-trigger.js';

describe(CoalescingTrigger.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs once after a burst of triggers has been quiet for the delay', async () => {
    let runs = 0;
    const trigger = new CoalescingTrigger(() => Promise.resolve(void runs++), 100);
    trigger.trigger();
    await jest.advanceTimersByTimeAsync(60);
    trigger.trigger();
    await jest.advanceTimersByTimeAsync(60);
    expect(runs).toBe(0);
    await jest.advanceTimersByTimeAsync(50);
    expect(runs).toBe(1);
  });

  it('never runs twice at once, and runs exactly once more for triggers during a run', async () => {
    let running = 0;
    let overlap = false;
    let runs = 0;
    let finish!: () => void;
    const trigger = new CoalescingTrigger(async () => {
      running++;
      overlap ||= running > 1;
      runs++;
      if (runs === 1) await new Promise<void>((resolve) => (finish = resolve));
      running--;
    }, 10);
    trigger.trigger();
    await jest.advanceTimersByTimeAsync(10);
    trigger.trigger();
    await jest.advanceTimersByTimeAsync(10);
    trigger.trigger();
    await jest.advanceTimersByTimeAsync(10);
    expect(runs).toBe(1);
    finish();
    await jest.advanceTimersByTimeAsync(50);
    expect({ runs, overlap }).toEqual({ runs: 2, overlap: false });
  });

  it('does nothing after stop', async () => {
    let runs = 0;
    const trigger = new CoalescingTrigger(() => Promise.resolve(void runs++), 10);
    trigger.trigger();
    trigger.stop();
    trigger.trigger();
    await jest.advanceTimersByTimeAsync(100);
    expect(runs).toBe(0);
  });
});
