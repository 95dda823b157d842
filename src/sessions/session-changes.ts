import { Injectable } from '@nestjs/common';
import { filter, map, Subject, type Observable } from 'rxjs';

/**
 * In-process news that a session's row changed (status, message, environment), published by
 * SessionLifecycle after the write; the event stream reads the row again when it hears one.
 */
@Injectable()
export class SessionChanges {
  private readonly changed = new Subject<string>();

  publish(sessionId: string): void {
    this.changed.next(sessionId);
  }

  of(sessionId: string): Observable<void> {
    return this.changed.pipe(
      filter((id) => id === sessionId),
      map(() => undefined),
    );
  }
}
