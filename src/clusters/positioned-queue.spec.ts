import { PositionedQueue } from './positioned-queue.js';

describe(PositionedQueue.name, () => {
  function queueOf(...ids: string[]) {
    const heard: Record<string, number[]> = {};
    const queue = new PositionedQueue<{ id: string }>();
    for (const id of ids) {
      heard[id] = [];
      queue.push({ id }, (position) => heard[id].push(position));
    }
    return { queue, heard };
  }

  it('tells positions only when announced, and each change only once', () => {
    const { queue, heard } = queueOf('a', 'b', 'c');
    expect(heard.a).toEqual([]);
    queue.announce();
    queue.announce();
    expect(heard).toEqual({ a: [1], b: [2], c: [3] });
  });

  it('moves the others up when the first is taken or one is removed', () => {
    const { queue, heard } = queueOf('a', 'b', 'c');
    queue.announce();
    expect(queue.shift()).toEqual({ id: 'a' });
    expect(queue.remove('b')).toEqual({ id: 'b' });
    expect(queue.remove('x')).toBeUndefined();
    queue.announce();
    expect(heard.c).toEqual([3, 1]);
    expect(queue.position('c')).toBe(1);
    expect(queue.position('a')).toBe(0);
  });
});
