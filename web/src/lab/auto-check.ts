import { readEvents } from '../common/sse.js';
import type { StepPassedEvent } from '@contract/session.views.js';

const RETRY_MS = 5000;

/**
 * Follows the server's background check (labs with `autoCheck`) while the environment is ready:
 * each step the server sees done arrives as an event. A broken stream is reopened after a pause.
 */
export class AutoCheckFollower {
  private controller?: AbortController;
  private retry?: number;

  constructor(
    private readonly sessionId: string,
    private readonly onPassed: (event: StepPassedEvent) => void,
  ) {}

  /** Follows while `ready`, stops otherwise; calling it again with the same state does nothing. */
  sync(ready: boolean): void {
    if (ready && !this.controller) this.start();
    if (!ready) this.stop();
  }

  stop(): void {
    window.clearTimeout(this.retry);
    this.controller?.abort();
    this.controller = undefined;
  }

  private start(): void {
    const controller = new AbortController();
    this.controller = controller;
    const again = () => {
      if (this.controller !== controller || controller.signal.aborted) return;
      this.controller = undefined;
      this.retry = window.setTimeout(() => this.sync(true), RETRY_MS);
    };
    readEvents<StepPassedEvent>(
      `/api/sessions/${this.sessionId}/auto-check`,
      (event) => {
        if (event.type === 'step-passed') this.onPassed(event);
      },
      controller.signal,
    ).then(again, again);
  }
}
