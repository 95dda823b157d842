import { ConnectionLimits } from './connection-limits.js';
import { ConnectionSlot } from './connection-slot.js';

describe(ConnectionLimits.name, () => {
  it('admits up to the per-learner cap, and again once one is released', () => {
    const limits = new ConnectionLimits(10, 2);
    const first = limits.admit('lea');
    expect(first).toBeInstanceOf(ConnectionSlot);
    expect(limits.admit('lea')).toBeInstanceOf(ConnectionSlot);
    expect(limits.admit('lea')).toBe('learner');
    expect(limits.admit('tom')).toBeInstanceOf(ConnectionSlot);
    expect(limits.count()).toBe(3);
    (first as ConnectionSlot).release();
    (first as ConnectionSlot).release();
    expect(limits.count('lea')).toBe(1);
    expect(limits.admit('lea')).toBeInstanceOf(ConnectionSlot);
  });

  it('refuses everyone once the server total is reached', () => {
    const limits = new ConnectionLimits(2, 5);
    const anonymous = limits.open()!;
    expect(limits.admit('lea')).toBeInstanceOf(ConnectionSlot);
    expect(limits.admit('tom')).toBe('server');
    expect(limits.open()).toBeNull();
    anonymous.release();
    expect(limits.count()).toBe(1);
    expect(limits.admit('tom')).toBeInstanceOf(ConnectionSlot);
  });

  it('counts a slot opened before its learner is known once it is claimed', () => {
    const limits = new ConnectionLimits(10, 1);
    const socket = limits.open()!;
    expect(limits.count('lea')).toBe(0);
    expect(socket.claim('lea')).toBe(true);
    expect(limits.open()!.claim('lea')).toBe(false);
    socket.release();
    expect(limits.count('lea')).toBe(0);
    expect(limits.count()).toBe(1);
  });
});
