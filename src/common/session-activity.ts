import { Injectable } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';

/**
 * In-process news about what learners do in their sessions, for whoever reacts to it (the
 * background check). Only facts that are already stored are announced: a finished command is
 * announced after its transcript row is complete.
 */
@Injectable()
export class SessionActivity {
  private readonly finished = new Subject<string>();

  /** Session ids, one per command that finished in one of the session's terminals. */
  readonly commandsFinished: Observable<string> = this.finished.asObservable();

  commandFinished(sessionId: string): void {
    this.finished.next(sessionId);
  }
}
