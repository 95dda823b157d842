import { api, ApiError, messageOf } from '../api.js';
import { connection } from '../common/connection.js';
import { button, el, errorBox } from '../common/dom.js';
import type { LabDetail } from '@contract/lab.views.js';
import type {
  FinishResponse,
  SessionView,
  StepPassedEvent,
  StepState,
} from '@contract/session.views.js';
import { AutoCheckFollower } from './auto-check.js';
import { EnvironmentStatus } from './environment-status.js';
import { finishView, summaryOf } from './finish-view.js';
import { splitter } from './splitter.js';
import { StepNav } from './step-nav.js';
import { stepView, type StepMemory } from './step-view.js';
import { TerminalPanel } from './terminal-panel.js';

/**
 * How often a ready session is read again: to notice that it expired or was ended elsewhere,
 * and, in labs with background checks, to tick off steps the server found done.
 */
const POLL_MS = 30_000;

/** The lab page: header with progress, environment state, the step on the left, terminals on the right. */
export class LabPage {
  private session: SessionView;
  private currentStep: string;
  private readonly memory = new Map<string, StepMemory>();
  private readonly env = new EnvironmentStatus(
    (s) => this.update(s, 'env'),
    () => this.lab.availability,
  );
  private readonly nav = new StepNav((id) => this.goTo(id));
  private readonly stepBox = el('div', { class: 'step-box' });
  private readonly notice = el('div', { class: 'notice', attrs: { 'aria-live': 'assertive' } });
  private readonly announcer = el('p', {
    class: 'visually-hidden',
    attrs: { 'aria-live': 'polite' },
  });
  private readonly bar = el('progress', { attrs: { 'aria-label': 'Fortschritt in der Übung' } });
  private readonly barText = el('span', { class: 'progress-text' });
  private readonly workspace = el('main', { class: 'workspace' });
  private readonly terminals: TerminalPanel;
  private renderedKey = '';
  private poll?: number;
  private finished = false;
  private readonly autoCheck?: AutoCheckFollower;

  constructor(
    root: HTMLElement,
    private readonly lab: LabDetail,
    session: SessionView,
  ) {
    this.session = session;
    this.currentStep = session.currentStep ?? lab.steps[0]?.id ?? '';
    if (lab.autoCheck) {
      this.autoCheck = new AutoCheckFollower(session.id, (event) => this.autoPassed(event));
    }
    this.terminals = new TerminalPanel(session.id, lab.nodes, {
      announce: (m) => this.announce(m),
      sessionEnded: () => void this.refresh(),
    });
    const guide = el(
      'section',
      { class: 'guide', attrs: { 'aria-label': 'Anleitung' } },
      this.nav.element,
      ...(lab.autoCheck
        ? [
            el('p', {
              class: 'meta auto-check-note',
              text: 'Automatisches Prüfen ist an: Schritte ohne Frage erkennt kubelab selbst, sobald du fertig bist.',
            }),
          ]
        : []),
      this.stepBox,
    );
    this.workspace.append(
      guide,
      splitter(this.workspace, () => this.terminals.fit()),
      this.terminals.element,
    );
    root.replaceChildren(
      this.header(),
      this.env.element,
      this.notice,
      this.announcer,
      this.workspace,
    );
    this.update(session);
    this.poll = window.setInterval(() => {
      if (this.session.status === 'ready') void this.refresh();
    }, POLL_MS);
  }

  update(session: SessionView, source?: 'env'): void {
    if (this.finished) return;
    const before = new Set(this.session.steps.filter((s) => s.passed).map((s) => s.id));
    this.session = session;
    const newly = session.steps.filter((s) => s.passed && !before.has(s.id));
    if (newly.length) this.announce(newly.map((s) => `„${s.title}“ ist geschafft.`).join(' '));
    this.bar.max = session.progress.total;
    this.bar.value = session.progress.passed;
    this.barText.textContent = `${session.progress.passed} von ${session.progress.total} Schritten`;
    if (source !== 'env') this.env.show(session);
    if (session.status === 'finished') {
      this.showFinish(summaryOf(session));
      return;
    }
    this.nav.show(session, this.currentStep);
    this.terminals.setReady(session.status === 'ready');
    this.autoCheck?.sync(session.status === 'ready');
    this.renderStep();
  }

  private header(): HTMLElement {
    return el(
      'header',
      { class: 'lab-header' },
      el('a', {
        class: 'brand',
        text: 'kubelab',
        attrs: { href: '/', 'aria-label': 'kubelab – zur Übersicht' },
      }),
      el('h1', { text: this.lab.title }),
      el('div', { class: 'lab-progress' }, this.bar, this.barText),
      button('Übung abschließen', () => this.finish(), {
        class: 'secondary',
        attrs: { id: 'finish-lab' },
      }),
    );
  }

  /** Renders the step again only when something it shows changed, so typing and focus stay. */
  private renderStep(focus = false): void {
    const index = Math.max(
      0,
      this.lab.steps.findIndex((s) => s.id === this.currentStep),
    );
    const step = this.lab.steps[index];
    if (!step) return;
    const progress = this.session.steps.find((s) => s.id === step.id);
    const key = [step.id, this.session.status, progress?.passed].join('|');
    if (key === this.renderedKey && !focus) return;
    this.renderedKey = key;
    if (!this.memory.has(step.id)) {
      this.memory.set(step.id, {});
      if (progress && (progress.attempts > 0 || progress.hintsRevealed > 0)) {
        void this.restoreStep(step.id);
      }
    }
    this.stepBox.replaceChildren(
      stepView(step, index, this.lab.steps, this.memory.get(step.id)!, {
        session: () => this.session,
        onSession: (s) => this.update(s),
        paste: (text) => this.terminals.paste(text),
        announce: (m) => this.announce(m),
        goTo: (id) => this.goTo(id),
        finish: () => this.finish(),
      }),
    );
    if (focus) this.stepBox.querySelector<HTMLElement>('#step-title')?.focus();
  }

  /** After a reload: the step's revealed hints and its last verdict, as they were shown. */
  private async restoreStep(stepId: string): Promise<void> {
    try {
      const state = await api<StepState>('GET', `/api/sessions/${this.session.id}/steps/${stepId}`);
      const memory = this.memory.get(stepId);
      if (!memory || memory.lastCheck || memory.hints) return; // the learner was quicker
      if (state.lastCheck) memory.lastCheck = { ...state.lastCheck, stepId, session: this.session };
      if (state.hints.hints.length > 0) memory.hints = state.hints;
      if (this.currentStep === stepId) {
        this.renderedKey = '';
        this.renderStep();
      }
    } catch {
      // Nothing lost: the step works without its history.
    }
  }

  private goTo(stepId: string): void {
    this.currentStep = stepId;
    this.nav.show(this.session, stepId);
    this.renderStep(true);
    this.saveStep(stepId);
  }

  private saveStep(stepId: string): void {
    api<SessionView>('PATCH', `/api/sessions/${this.session.id}`, { currentStep: stepId })
      .then((s) => this.update(s))
      .catch((error: unknown) => {
        if (!(error instanceof ApiError && error.code === 'NETWORK')) {
          this.notice.replaceChildren(errorBox(messageOf(error)));
          return;
        }
        // Offline: the banner says so; the server learns the step once it is back.
        const stop = connection.onRestored(() => {
          stop();
          if (this.currentStep === stepId) this.saveStep(stepId);
        });
      });
  }

  private finish(): void {
    const { passed, total } = this.session.progress;
    const question =
      passed < total
        ? `Du hast ${passed} von ${total} Schritten geschafft. Trotzdem abschließen? Deine Umgebung wird dann gelöscht; dein Fortschritt bleibt gespeichert.`
        : 'Übung abschließen? Deine Umgebung wird dann gelöscht.';
    if (!window.confirm(question)) return;
    this.notice.replaceChildren(el('p', { class: 'meta', text: 'Die Übung wird abgeschlossen …' }));
    api<FinishResponse>('POST', `/api/sessions/${this.session.id}/finish`)
      .then((response) => {
        this.notice.replaceChildren();
        this.session = response.session;
        // A refresh may have shown the finish view already (and disposed the status bar) while
        // this request still deleted the environment: render it again from the answer.
        if (!this.finished) this.env.show(response.session);
        this.showFinish(response.summary);
      })
      .catch((error: unknown) =>
        this.notice.replaceChildren(
          errorBox(messageOf(error), { label: 'Erneut versuchen', run: () => this.finish() }),
        ),
      );
  }

  /** The server's background check saw a step done: show it like a pass of "Prüfen". */
  private autoPassed(event: StepPassedEvent): void {
    const title = this.lab.steps.find((s) => s.id === event.stepId)?.title ?? event.stepId;
    this.notice.replaceChildren(
      el('p', {
        class: 'auto-passed',
        text: `✓ „${title}“ ist geschafft – kubelab hat es beim automatischen Prüfen erkannt.`,
      }),
    );
    this.update(event.session);
  }

  private showFinish(summary: FinishResponse['summary']): void {
    this.finished = true;
    window.clearInterval(this.poll);
    this.autoCheck?.stop();
    this.env.dispose();
    this.terminals.dispose();
    this.workspace.classList.add('finished');
    this.workspace.replaceChildren(finishView(this.session, summary));
    this.workspace.querySelector<HTMLElement>('#finish-title')?.focus();
    document.querySelector('#finish-lab')?.remove();
  }

  private async refresh(): Promise<void> {
    try {
      this.update(await api<SessionView>('GET', `/api/sessions/${this.session.id}`));
    } catch {
      // offline: the connection banner shows it, and the page reloads the session when it is back
    }
  }

  private announce(message: string): void {
    this.announcer.textContent = '';
    window.setTimeout(() => (this.announcer.textContent = message), 50);
  }
}
