import { KeyedSerializer } from './keyed-serializer.js';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe(KeyedSerializer.name, () => {
  it('runs tasks of one key in order, one at a time, and other keys alongside', async () => {
    const serializer = new KeyedSerializer();
    const first = deferred();
    const log: string[] = [];
    const a1 = serializer.run('a', async () => {
      log.push('a1');
      await first.promise;
    });
    const a2 = serializer.run('a', () => Promise.resolve(log.push('a2')));
    const b = serializer.run('b', () => Promise.resolve(log.push('b')));
    await settle();
    expect(log).toEqual(['a1', 'b']);
    first.resolve();
    await Promise.all([a1, a2, b]);
    expect(log).toEqual(['a1', 'b', 'a2']);
    await settle();
    expect(serializer.size).toBe(0);
  });

  it('goes on after a failed task and hands its error to its caller only', async () => {
    const serializer = new KeyedSerializer();
    const failed = serializer.run('a', () => Promise.reject(new Error('kaputt')));
    const next = serializer.run('a', () => Promise.resolve('ok'));
    await expect(failed).rejects.toThrow('kaputt');
    await expect(next).resolves.toBe('ok');
  });
});
