import { lastValueFrom, Subject, toArray } from 'rxjs';
import { sessionEvents } from './session-events.js';
import type { SessionView } from '../contract/session.views.js';
import type { SessionStatus } from './session.types.js';

describe(sessionEvents.name, () => {
  const createdAt = '2026-01-01T10:00:00.000Z';
  const now = () => new Date('2026-01-01T10:00:30.000Z');

  /** A stand-in for the row: each read returns the next status and is counted. */
  function rows(...statuses: SessionStatus[]) {
    const read = () => {
      read.calls++;
      const status = statuses[read.calls - 1];
      return Promise.resolve({ status, message: status, createdAt } as SessionView);
    };
    read.calls = 0;
    return read;
  }

  it('reads the row once at the start and once per change, and ends when it is ready', async () => {
    const changed = new Subject<void>();
    const read = rows('queued', 'provisioning', 'ready');
    const events = lastValueFrom(sessionEvents(changed, read, now).pipe(toArray()));
    await Promise.resolve();
    expect(read.calls).toBe(1);
    changed.next();
    changed.next();
    const seen = await events;
    expect(seen.map((e) => e.data.status)).toEqual(['queued', 'provisioning', 'ready']);
    expect(seen.every((e) => e.data.elapsedSeconds === 30)).toBe(true);
    expect(read.calls).toBe(3);
  });

  it('ends after one event when the session is no longer waiting', async () => {
    const read = rows('expired');
    const seen = await lastValueFrom(sessionEvents(new Subject<void>(), read, now).pipe(toArray()));
    expect(seen.map((e) => e.data.status)).toEqual(['expired']);
  });
});
