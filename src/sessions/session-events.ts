import { defer, from, interval, startWith, switchMap, takeWhile, type Observable } from 'rxjs';
import type { ProgressEvent, SessionView } from '../contract/session.views.js';
import { LIVE_STATUSES, type SessionStatus } from './session.types.js';

export interface SessionEvent {
  data: ProgressEvent;
}

const TICK_MS = 1000;

/**
 * Server-sent progress of one session while it is being made: the session view every second
 * (stage, queue position in `message`, elapsed seconds), ending once it is ready or ended.
 * Reading one SQLite row a second per open page is cheap, and needs no bookkeeping of who
 * changed what.
 */
export function sessionEvents(
  read: () => Promise<SessionView>,
  now: () => Date,
): Observable<SessionEvent> {
  return interval(TICK_MS).pipe(
    startWith(0),
    switchMap(() => defer(() => from(read()))),
    takeWhile((view) => isWaiting(view.status), true),
    switchMap((view) => [
      {
        data: {
          ...view,
          elapsedSeconds: Math.max(
            0,
            Math.round((now().getTime() - Date.parse(view.createdAt)) / 1000),
          ),
        },
      },
    ]),
  );
}

function isWaiting(status: SessionStatus): boolean {
  return LIVE_STATUSES.includes(status) && status !== 'ready';
}
