import { concatMap, defer, from, map, startWith, takeWhile, type Observable } from 'rxjs';
import type { ProgressEvent, SessionView } from '../contract/session.views.js';
import { LIVE_STATUSES, type SessionStatus } from './session.types.js';

export interface SessionEvent {
  data: ProgressEvent;
}

/**
 * Server-sent progress of one session while it is being made: the session view (stage, queue
 * position in `message`, elapsed seconds) at once and again whenever `changed` says the row
 * changed, ending once it is ready or ended. The page counts the seconds in between itself.
 */
export function sessionEvents(
  changed: Observable<void>,
  read: () => Promise<SessionView>,
  now: () => Date,
): Observable<SessionEvent> {
  // Listening starts before the first read, so a change during that read is not missed.
  return changed.pipe(
    startWith(undefined),
    concatMap(() => defer(() => from(read()))),
    takeWhile((view) => isWaiting(view.status), true),
    map((view) => ({
      data: {
        ...view,
        elapsedSeconds: Math.max(
          0,
          Math.round((now().getTime() - Date.parse(view.createdAt)) / 1000),
        ),
      },
    })),
  );
}

function isWaiting(status: SessionStatus): boolean {
  return LIVE_STATUSES.includes(status) && status !== 'ready';
}
