import { CreationCancelled, CreationQueue } from './creation-queue.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe(CreationQueue.name, () => {
  it('runs at most `concurrency` jobs at once, the rest in arrival order', async () => {
    const queue = new CreationQueue(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, i) =>
      queue.run(`job-${i}`, async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(queue.size).toEqual({ running: 2, waiting: 2 });
    expect(queue.position('job-2')).toBe(1);
    expect(queue.position('job-3')).toBe(2);

    gates[1].resolve();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    expect(queue.position('job-3')).toBe(1);

    gates.forEach((g) => g.resolve());
    await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2, 3]);
    expect(queue.size).toEqual({ running: 0, waiting: 0 });
  });

  it('tells a waiting job its position as the queue moves', async () => {
    const queue = new CreationQueue(1);
    const gate = deferred();
    const first = queue.run('a', () => gate.promise);
    const heard: number[] = [];
    const second = queue.run(
      'b',
      () => Promise.resolve(),
      (p) => heard.push(p),
    );
    const third: number[] = [];
    const last = queue.run(
      'c',
      () => Promise.resolve(),
      (p) => third.push(p),
    );
    expect(heard).toEqual([1]);
    expect(third).toEqual([2]);
    gate.resolve();
    await Promise.all([first, second, last]);
    expect(third).toEqual([2, 1]);
  });

  it('frees the slot when a job fails and passes the error on', async () => {
    const queue = new CreationQueue(1);
    await expect(queue.run('x', () => Promise.reject(new Error('kaputt')))).rejects.toThrow(
      'kaputt',
    );
    await expect(queue.run('y', () => Promise.resolve('ok'))).resolves.toBe('ok');
  });

  it('cancels a job that has not started', async () => {
    const queue = new CreationQueue(1);
    const gate = deferred();
    const first = queue.run('a', () => gate.promise);
    let ran = false;
    const second = queue.run('b', () => {
      ran = true;
      return Promise.resolve();
    });
    expect(queue.cancel('b')).toBe(true);
    await expect(second).rejects.toBeInstanceOf(CreationCancelled);
    expect(queue.cancel('a')).toBe(false);
    gate.resolve();
    await first;
    expect(ran).toBe(false);
  });
});
