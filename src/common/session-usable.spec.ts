import { isUsable } from './session-usable.js';

describe(isUsable.name, () => {
  const now = new Date('2026-01-01T10:00:00.000Z');
  const later = new Date('2026-01-01T11:00:00.000Z');
  const cluster = { name: 'kl-1' };

  it('holds for a ready session with an environment within its lifetime', () => {
    expect(isUsable({ status: 'ready', cluster, expiresAt: later }, now)).toBe(true);
  });

  it('fails past the lifetime, before ready, and without an environment', () => {
    expect(isUsable({ status: 'ready', cluster, expiresAt: now }, now)).toBe(false);
    expect(isUsable({ status: 'provisioning', cluster, expiresAt: later }, now)).toBe(false);
    expect(isUsable({ status: 'ready', cluster: null, expiresAt: later }, now)).toBe(false);
  });
});
