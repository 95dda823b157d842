import { EnvironmentSlots, SlotWaitCancelled } from './environment-slots.js';

/** Cluster rows as a counter; reading it takes a turn of the event loop, as a query does. */
function rows() {
  let used = 0;
  return {
    occupied: () => new Promise<number>((resolve) => setImmediate(() => resolve(used))),
    book: (name: string) => () => {
      used++;
      return Promise.resolve(name);
    },
    free: () => used--,
    get used() {
      return used;
    },
  };
}

describe(EnvironmentSlots.name, () => {
  it('admits up to the limit; the rest wait in arrival order and hear their position', async () => {
    const db = rows();
    const slots = new EnvironmentSlots(2, db.occupied);
    const heard: Record<string, number[]> = { c: [], d: [] };
    const admitted: string[] = [];
    const runs = ['a', 'b', 'c', 'd'].map((id) =>
      slots
        .acquire(id, db.book(id), (p) => heard[id]?.push(p))
        .then((name) => {
          admitted.push(name);
        }),
    );
    await slots.whenIdle();
    expect(admitted).toEqual(['a', 'b']);
    expect(slots.position('c')).toBe(1);
    expect(heard).toEqual({ c: [1], d: [2] });

    db.free();
    slots.freed();
    await slots.whenIdle();
    expect(admitted).toEqual(['a', 'b', 'c']);
    expect(heard).toEqual({ c: [1], d: [2, 1] });

    db.free();
    slots.freed();
    await Promise.all(runs);
    expect(admitted).toEqual(['a', 'b', 'c', 'd']);
    expect(db.used).toBe(2);
  });

  it('never books more than the limit, however many ask at once', async () => {
    const db = rows();
    const slots = new EnvironmentSlots(3, db.occupied);
    for (let i = 0; i < 10; i++) void slots.acquire(`s${i}`, db.book(`s${i}`)).catch(() => {});
    const pool = await Promise.all([1, 2, 3].map(() => slots.tryAcquire(db.book('pool'))));
    await slots.whenIdle();
    expect(db.used).toBe(3);
    expect(slots.waitingCount).toBe(7);
    expect(pool).toEqual([null, null, null]);
    slots.cancelAll();
  });

  it('lets the pool book only while there is room and no learner waits', async () => {
    const db = rows();
    const slots = new EnvironmentSlots(2, db.occupied);
    expect(await slots.tryAcquire(db.book('p1'))).toBe('p1');
    const learner = slots.acquire('l1', db.book('l1'));
    expect(await learner).toBe('l1');
    expect(await slots.tryAcquire(db.book('p2'))).toBeNull();

    const waiting = slots.acquire('l2', db.book('l2'));
    db.free();
    // The room that came free belongs to the waiting learner, not to the pool.
    expect(await slots.tryAcquire(db.book('p3'))).toBeNull();
    slots.freed();
    expect(await waiting).toBe('l2');
  });

  it('asks the pool to give room back when a learner would wait', async () => {
    const db = rows();
    const slots = new EnvironmentSlots(1, db.occupied);
    await slots.tryAcquire(db.book('pooled'));
    let idle = 1;
    slots.onReclaim(() => {
      if (idle === 0) return Promise.resolve(false);
      idle--;
      db.free();
      return Promise.resolve(true);
    });
    expect(await slots.acquire('l1', db.book('l1'))).toBe('l1');
    const second = slots.acquire('l2', db.book('l2'));
    await slots.whenIdle();
    expect(slots.position('l2')).toBe(1);
    db.free();
    slots.freed();
    expect(await second).toBe('l2');
  });

  it('gives the room to the next learner when a booking finds its session ended', async () => {
    const db = rows();
    const slots = new EnvironmentSlots(1, db.occupied);
    await slots.acquire('a', db.book('a'));
    const ended = slots.acquire('b', () => Promise.resolve(null));
    const next = slots.acquire('c', db.book('c'));
    await slots.whenIdle();
    db.free();
    slots.freed();
    expect(await ended).toBeNull();
    expect(await next).toBe('c');
  });

  it('cancels a waiting learner and moves the others up', async () => {
    const db = rows();
    const slots = new EnvironmentSlots(1, db.occupied);
    await slots.acquire('a', db.book('a'));
    const heard: number[] = [];
    const b = slots.acquire('b', db.book('b'));
    const c = slots.acquire('c', db.book('c'), (p) => heard.push(p));
    await slots.whenIdle();
    expect(slots.cancel('b')).toBe(true);
    await expect(b).rejects.toBeInstanceOf(SlotWaitCancelled);
    expect(slots.cancel('b')).toBe(false);
    expect(heard).toEqual([2, 1]);
    slots.cancelAll();
    await expect(c).rejects.toBeInstanceOf(SlotWaitCancelled);
  });

  it('tells room listeners after a pass that left nobody waiting', async () => {
    const db = rows();
    const slots = new EnvironmentSlots(1, db.occupied);
    let told = 0;
    slots.onRoom(() => told++);
    await slots.acquire('a', db.book('a'));
    await slots.whenIdle();
    expect(told).toBe(1);
    const waiting = slots.acquire('b', db.book('b'));
    await slots.whenIdle();
    expect(told).toBe(1);
    db.free();
    slots.freed();
    await waiting;
    await slots.whenIdle();
    expect(told).toBe(2);
  });
});
