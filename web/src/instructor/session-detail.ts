import { button, el } from '../common/dom.js';
import { ago, dateTime, STATUS_LABELS } from '../common/format.js';
import { LIVE_STATUSES } from '@contract/session.views.js';
import { checkDetail } from './check-detail.js';
import { CLUSTER_STATUS } from './labels.js';
import type { PagedPart } from './older-pages.js';
import { transcriptSection } from './transcript-view.js';
import type { Attempt, PageView, SessionDetail } from '@contract/instructor.views.js';

export interface DetailActions {
  end(): void;
  /** Loads the next page of older items of `part`. */
  older(part: PagedPart): void;
}

/**
 * One session: where the learner is, its attempts with their checks, the commands they ran
 * (transcript-view.ts). Both lists come in pages, newest first from the server, and are shown
 * oldest first; a button above a list loads older items.
 */
export function sessionDetail(detail: SessionDetail, actions: DetailActions): HTMLElement {
  const s = detail.session;
  const live = LIVE_STATUSES.includes(s.status);
  return el(
    'div',
    { class: 'session-detail' },
    el('p', {}, el('a', { text: '← Zur Übersicht', attrs: { href: '#/' } })),
    el('h1', { text: `${s.learner.name} – ${s.labTitle}` }),
    el(
      'dl',
      { class: 'facts' },
      el('dt', { text: 'Status' }),
      el('dd', { text: `${STATUS_LABELS[s.status]}${s.message ? ` – ${s.message}` : ''}` }),
      el('dt', { text: 'Schritt' }),
      el('dd', {
        text: `${s.currentStep?.title ?? '–'} (${s.progress.passed} von ${s.progress.total} geschafft)`,
      }),
      el('dt', { text: 'Letzte Aktivität' }),
      el('dd', { text: `${ago(s.lastActiveAt)} (${dateTime(s.lastActiveAt)})` }),
      el('dt', { text: 'Umgebung' }),
      el(
        'dd',
        {},
        s.cluster
          ? `${s.cluster.name} · ${CLUSTER_STATUS[s.cluster.status] ?? s.cluster.status}`
          : 'keine',
        s.cluster?.error ? el('pre', { class: 'cluster-error', text: s.cluster.error }) : null,
      ),
    ),
    live
      ? button('Sitzung beenden', () => actions.end(), {
          class: 'danger',
          attrs: { id: 'end-session' },
        })
      : null,
    el(
      'ol',
      { class: 'step-summary', attrs: { 'aria-label': 'Schritte' } },
      ...s.steps.map((step) =>
        el('li', {
          text: `${step.passed ? '✓' : '○'} ${step.title} – ${step.attempts} ${step.attempts === 1 ? 'Versuch' : 'Versuche'}, ${step.hintsRevealed} Tipps`,
          class: step.passed ? 'ok' : '',
        }),
      ),
    ),
    attemptsSection(detail, actions),
    transcriptSection(detail.transcript.items, {
      count: count(detail.transcript),
      older: olderButton(detail.transcript, 'transcript', 'Ältere Befehle laden', actions),
      steps: s.steps,
    }),
  );
}

/** "(12)", or "(20 von 45)" while older items are not loaded. */
function count(page: PageView<unknown>): string {
  return page.items.length < page.total
    ? `${page.items.length} von ${page.total}`
    : String(page.total);
}

function olderButton(
  page: PageView<unknown>,
  part: PagedPart,
  label: string,
  actions: DetailActions,
) {
  return page.next
    ? button(label, () => actions.older(part), {
        class: 'secondary',
        attrs: { 'data-focus-key': `older-${part}` },
      })
    : null;
}

function attemptsSection(detail: SessionDetail, actions: DetailActions): HTMLElement {
  const titles = new Map(detail.session.steps.map((s) => [s.id, s.title]));
  const attempts = [...detail.attempts.items].reverse();
  return el(
    'section',
    { attrs: { 'aria-labelledby': 'attempts-title' } },
    el('h2', { text: `Prüfungen (${count(detail.attempts)})`, attrs: { id: 'attempts-title' } }),
    olderButton(detail.attempts, 'attempts', 'Ältere Prüfungen laden', actions),
    attempts.length
      ? el(
          'ol',
          { class: 'attempts' },
          ...attempts.map((a) => attemptItem(a, titles.get(a.stepId) ?? a.stepId)),
        )
      : el('p', { class: 'meta', text: 'Noch keine Prüfungen.' }),
  );
}

function attemptItem(a: Attempt, title: string): HTMLElement {
  return el(
    'li',
    {
      class: `attempt ${a.passed ? 'passed' : 'failed'}`,
      attrs: { 'data-attempt': a.id, 'data-step': a.stepId },
    },
    el(
      'h3',
      {},
      `${a.passed ? '✓' : '✗'} ${title}`,
      el('span', {
        class: 'meta',
        text: ` · ${dateTime(a.createdAt)} · ${a.passed ? 'bestanden' : 'nicht bestanden'} · ${a.durationMs} ms`,
      }),
    ),
    a.results.length
      ? el('ul', { class: 'checks' }, ...a.results.map(checkDetail))
      : el('p', { class: 'meta', text: 'Keine Einzelergebnisse gespeichert.' }),
  );
}
