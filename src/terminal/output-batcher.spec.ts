import { jest } from '@jest/globals';
import { OutputBatcher } from './output-batcher.js';

describe(OutputBatcher.name, () => {
  let now: number;
  let sent: string[];
  let batcher: OutputBatcher;

  beforeEach(() => {
    jest.useFakeTimers();
    now = 1000;
    sent = [];
    batcher = new OutputBatcher(
      (b) => sent.push(b.toString()),
      { maxBytes: 8, delayMs: 5 },
      () => now,
    );
  });
  afterEach(() => jest.useRealTimers());

  it('sends at once, on the next turn, when the terminal was idle', () => {
    batcher.push(Buffer.from('a'));
    batcher.push(Buffer.from('b'));
    expect(sent).toEqual([]);
    jest.runOnlyPendingTimers();
    expect(sent).toEqual(['ab']);
  });

  it('sends small output (echo, prompt) at once however often it comes', () => {
    for (const key of ['l', 's', '\r']) {
      batcher.push(Buffer.from(key));
      jest.runOnlyPendingTimers();
      now += 1;
    }
    expect(sent).toEqual(['l', 's', '\r']);
  });

  it('sends at most one frame per delay while large output keeps coming', () => {
    batcher = new OutputBatcher(
      (b) => sent.push(String(b.length)),
      { maxBytes: 4096, delayMs: 5 },
      () => now,
    );
    batcher.push(Buffer.alloc(2000));
    jest.runOnlyPendingTimers();
    batcher.push(Buffer.alloc(100));
    now += 2;
    jest.advanceTimersByTime(2);
    batcher.push(Buffer.alloc(200));
    expect(sent).toEqual(['2000']);
    now += 3;
    jest.advanceTimersByTime(3);
    expect(sent).toEqual(['2000', '300']);
    expect(batcher.size).toBe(0);
  });

  it('sends as soon as maxBytes have gathered', () => {
    batcher.push(Buffer.from('1234'));
    batcher.push(Buffer.from('56789'));
    expect(sent).toEqual(['123456789']);
    jest.runOnlyPendingTimers();
    expect(sent).toEqual(['123456789']);
  });

  it('flushes on demand and then has nothing left', () => {
    batcher.push(Buffer.from('x'));
    batcher.flush();
    batcher.flush();
    jest.runOnlyPendingTimers();
    expect(sent).toEqual(['x']);
  });
});
