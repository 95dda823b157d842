import { api, ApiError, messageOf } from '../api.js';
import { button, el } from '../common/dom.js';
import { clock, minutes } from '../common/format.js';
import { readEvents } from '../common/sse.js';
import type { LabAvailabilityView } from '@contract/lab.views.js';
import type { ProgressEvent, SessionView } from '@contract/session.views.js';

const RETRY_MS = 2000;
/** From here on the remaining time is shown to the second and in the warning colour. */
const WARN_SECONDS = 10 * 60;
const STAGE = /Schritt (\d+) von (\d+)/;

/**
 * The bar above the lab: while the environment is made, the stage and queue position from the
 * server's event stream with the elapsed time; then the remaining session time; when the
 * session failed or expired, what happened and "Fortsetzen". A session of a lab this server
 * cannot run (as the page was loaded) gets the reason and the way back, not a retry that cannot
 * help.
 */
export class EnvironmentStatus {
  readonly element = el('section', {
    class: 'env-status',
    attrs: { 'aria-label': 'Zustand deiner Umgebung' },
  });
  /** Announces changes of state, not every tick of the clock. */
  private readonly announcer = el('p', {
    class: 'visually-hidden',
    attrs: { 'aria-live': 'polite' },
  });
  private readonly body = el('div');
  private session?: SessionView;
  private following?: AbortController;
  private ticker?: number;
  private elapsedBase = 0;
  private elapsedAt = Date.now();

  constructor(
    private readonly onSession: (session: SessionView) => void,
    private readonly availability: () => LabAvailabilityView,
  ) {
    this.element.append(this.announcer, this.body);
  }

  show(session: SessionView): void {
    this.session = session;
    if (isWaiting(session)) {
      if (!this.following) this.follow(session.id);
    } else {
      this.stopFollowing();
    }
    this.render();
  }

  dispose(): void {
    this.stopFollowing();
    window.clearInterval(this.ticker);
  }

  private follow(id: string): void {
    const controller = new AbortController();
    this.following = controller;
    readEvents<ProgressEvent>(
      `/api/sessions/${id}/events`,
      (event) => {
        this.elapsedBase = event.elapsedSeconds;
        this.elapsedAt = Date.now();
        this.session = event;
        this.render();
        this.onSession(event);
      },
      controller.signal,
    )
      .then(() => this.streamEnded(controller))
      .catch((error: unknown) => this.streamFailed(controller, error));
  }

  /** The server ends the stream once the session is ready or ended; the last event said which. */
  private streamEnded(controller: AbortController): void {
    if (this.following !== controller) return;
    this.following = undefined;
    if (this.session && isWaiting(this.session)) window.setTimeout(() => this.refresh(), RETRY_MS);
  }

  private streamFailed(controller: AbortController, error: unknown): void {
    if (this.following !== controller) return;
    this.following = undefined;
    if (error instanceof ApiError && error.code !== 'NETWORK') {
      this.setBody(this.problem(messageOf(error), 'Erneut versuchen', () => this.refresh()));
      return;
    }
    this.setBody(
      el(
        'div',
        { class: 'env-line warn' },
        el('strong', {
          text: 'Verbindung verloren – wird wiederhergestellt …',
        }),
      ),
    );
    window.setTimeout(() => this.refresh(), RETRY_MS);
  }

  private refresh(): void {
    if (!this.session) return;
    api<SessionView>('GET', `/api/sessions/${this.session.id}`)
      .then((session) => {
        this.show(session);
        this.onSession(session);
      })
      .catch(() => window.setTimeout(() => this.refresh(), RETRY_MS));
  }

  private stopFollowing(): void {
    this.following?.abort();
    this.following = undefined;
  }

  private render(): void {
    window.clearInterval(this.ticker);
    const s = this.session;
    if (!s) return;
    switch (s.status) {
      case 'queued':
      case 'provisioning':
        this.setBody(this.waiting(s));
        this.ticker = window.setInterval(() => this.setText('.elapsed', this.elapsedText()), 1000);
        return;
      case 'ready':
        this.setBody(this.remaining(s));
        this.ticker = window.setInterval(() => this.tickRemaining(s), 1000);
        return;
      case 'finished':
        this.setBody();
        return;
      default:
        if (s.status === 'unavailable' && !this.availability().available) {
          this.setBody(this.notHere(this.availability().reason ?? s.message ?? ''));
          return;
        }
        this.setBody(
          this.problem(
            s.message ?? 'Deine Umgebung ist nicht mehr da. Dein Fortschritt bleibt gespeichert.',
            s.status === 'unavailable' ? 'Erneut versuchen' : 'Fortsetzen',
            () => this.resume(),
          ),
        );
    }
  }

  private waiting(s: SessionView): HTMLElement {
    const stage = STAGE.exec(s.message ?? '');
    const detail = (s.message ?? 'Einen Moment bitte …').replace(/^Schritt \d+ von \d+:\s*/, '');
    const heading = stage
      ? `Umgebung wird erstellt – Schritt ${stage[1]} von ${stage[2]}`
      : s.status === 'queued'
        ? 'Umgebung wartet auf einen freien Platz'
        : 'Umgebung wird erstellt';
    const meter = el('progress', { attrs: { 'aria-hidden': 'true' } });
    if (stage) {
      meter.max = Number(stage[2]);
      meter.value = Number(stage[1]);
    }
    return el(
      'div',
      { class: 'env-line', attrs: { 'data-state': s.status } },
      el('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }),
      el('strong', { text: heading }),
      el('span', { class: 'detail', text: detail }),
      el('span', { class: 'elapsed meta', text: this.elapsedText() }),
      meter,
    );
  }

  private elapsedText(): string {
    return `seit ${clock(this.elapsedBase + (Date.now() - this.elapsedAt) / 1000)}`;
  }

  private remaining(s: SessionView): HTMLElement {
    return el(
      'div',
      { class: 'env-line', attrs: { 'data-state': 'ready' } },
      el('span', { class: 'dot', attrs: { 'aria-hidden': 'true' } }),
      el('strong', { text: 'Umgebung bereit' }),
      el('span', { class: 'remaining', text: remainingText(s) }),
    );
  }

  private tickRemaining(s: SessionView): void {
    if (Date.parse(s.expiresAt) <= Date.now()) {
      window.clearInterval(this.ticker);
      this.refresh();
      return;
    }
    this.setText('.remaining', remainingText(s));
    this.body.firstElementChild?.classList.toggle('warn', secondsLeft(s) < WARN_SECONDS);
  }

  private setBody(...nodes: HTMLElement[]): void {
    this.body.replaceChildren(...nodes);
    const heading = this.body.querySelector('strong, [role="alert"] span')?.textContent ?? '';
    if (this.announcer.textContent !== heading) this.announcer.textContent = heading;
  }

  private setText(selector: string, text: string): void {
    const node = this.body.querySelector(selector);
    if (node && node.textContent !== text) node.textContent = text;
  }

  private problem(message: string, label: string, run: () => void): HTMLElement {
    return el(
      'div',
      {
        class: 'env-line problem',
        attrs: { role: 'alert', 'data-state': this.session?.status ?? '' },
      },
      el('span', { text: message }),
      button(label, run),
    );
  }

  private notHere(reason: string): HTMLElement {
    return el(
      'div',
      { class: 'env-line problem', attrs: { role: 'alert', 'data-state': 'unavailable' } },
      el('span', { text: reason }),
      el('a', { text: 'Zur Übersicht', attrs: { href: '/' }, class: 'button-link' }),
    );
  }

  private resume(): void {
    if (!this.session) return;
    api<SessionView>('POST', `/api/sessions/${this.session.id}/resume`)
      .then((session) => {
        this.show(session);
        this.onSession(session);
      })
      .catch((error: unknown) =>
        this.setBody(this.problem(messageOf(error), 'Erneut versuchen', () => this.resume())),
      );
  }
}

function isWaiting(session: SessionView): boolean {
  return session.status === 'queued' || session.status === 'provisioning';
}

function secondsLeft(s: SessionView): number {
  return (Date.parse(s.expiresAt) - Date.now()) / 1000;
}

function remainingText(s: SessionView): string {
  const left = secondsLeft(s);
  return `Verbleibende Zeit: ${left < WARN_SECONDS ? clock(left) : minutes(left)}`;
}
