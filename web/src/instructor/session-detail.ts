import { button, el } from '../common/dom.js';
import { ago, dateTime, STATUS_LABELS } from '../common/format.js';
import { checkItem } from '../lab/check-results.js';
import { LIVE } from '../types.js';
import { CLUSTER_STATUS } from './labels.js';
import type { Attempt, SessionDetail, TranscriptEntry } from './types.js';

/** One session: where the learner is, every attempt with its checks, the commands they ran. */
export function sessionDetail(detail: SessionDetail, end: () => void): HTMLElement {
  const s = detail.session;
  const live = LIVE.includes(s.status);
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
    live ? button('Sitzung beenden', end, { class: 'danger', attrs: { id: 'end-session' } }) : null,
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
    attemptsSection(detail),
    transcriptSection(detail.transcript),
  );
}

function attemptsSection(detail: SessionDetail): HTMLElement {
  const titles = new Map(detail.session.steps.map((s) => [s.id, s.title]));
  return el(
    'section',
    { attrs: { 'aria-labelledby': 'attempts-title' } },
    el('h2', { text: `Prüfungen (${detail.attempts.length})`, attrs: { id: 'attempts-title' } }),
    detail.attempts.length
      ? el(
          'ol',
          { class: 'attempts' },
          ...detail.attempts.map((a) => attemptItem(a, titles.get(a.stepId) ?? a.stepId)),
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
      ? el(
          'ul',
          { class: 'checks' },
          ...a.results.map((r) => checkItem({ ...r, title: r.title ?? `${r.id} (${r.kind})` })),
        )
      : el('p', { class: 'meta', text: 'Keine Einzelergebnisse gespeichert.' }),
  );
}

function transcriptSection(entries: TranscriptEntry[]): HTMLElement {
  const terminals = [...new Set(entries.map((e) => e.terminal))];
  return el(
    'section',
    { attrs: { 'aria-labelledby': 'transcript-title' } },
    el('h2', {
      text: `Befehle im Terminal (${entries.length})`,
      attrs: { id: 'transcript-title' },
    }),
    entries.length
      ? el(
          'div',
          { class: 'table-wrap' },
          el(
            'table',
            { class: 'transcript' },
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                ...['Zeit', 'Terminal', 'Befehl', 'Exit-Code', 'Ausgabe'].map((h) =>
                  el('th', { text: h, attrs: { scope: 'col' } }),
                ),
              ),
            ),
            el(
              'tbody',
              {},
              ...entries.map((e) =>
                el(
                  'tr',
                  {},
                  el('td', { text: dateTime(e.startedAt) }),
                  el('td', { text: `#${terminals.indexOf(e.terminal) + 1}` }),
                  el('td', {}, el('code', { text: e.command })),
                  el('td', {
                    text: e.exitCode === null ? '–' : String(e.exitCode),
                    class: e.exitCode ? 'nonzero' : '',
                  }),
                  el(
                    'td',
                    {},
                    e.output
                      ? el(
                          'details',
                          {},
                          el('summary', { text: 'anzeigen' }),
                          el('pre', { text: e.output }),
                        )
                      : el('span', { class: 'meta', text: 'keine' }),
                  ),
                ),
              ),
            ),
          ),
        )
      : el('p', { class: 'meta', text: 'Noch keine Befehle aufgezeichnet.' }),
  );
}
