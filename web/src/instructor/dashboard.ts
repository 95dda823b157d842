import { el } from '../common/dom.js';
import { ago, STATUS_LABELS } from '../common/format.js';
import { LIVE_STATUSES } from '@contract/session.views.js';
import { CLUSTER_STATUS, DRIVERS } from './labels.js';
import { enginesTable } from './engines.js';
import { labAvailability } from './lab-availability.js';
import type { InstructorSession, Overview } from '@contract/instructor.views.js';

/**
 * Sessions (live first, then recently ended), capacity, which labs run on this server, and labs
 * left out of the catalog.
 */
export function dashboard(overview: Overview): HTMLElement {
  const live = overview.sessions.filter((s) => LIVE_STATUSES.includes(s.status));
  const ended = overview.sessions.filter((s) => !LIVE_STATUSES.includes(s.status));
  return el(
    'div',
    {},
    el('h1', { text: 'Übersicht' }),
    el(
      'section',
      { attrs: { 'aria-labelledby': 'live-title' } },
      el('h2', { text: `Laufende Sitzungen (${live.length})`, attrs: { id: 'live-title' } }),
      live.length
        ? sessionsTable(live, 'live')
        : el('p', { class: 'meta', text: 'Gerade arbeitet niemand an einer Übung.' }),
    ),
    capacity(overview.capacity),
    labAvailability(overview.labs, overview.labsCheckedAt),
    problems(overview.labProblems),
    el(
      'section',
      { attrs: { 'aria-labelledby': 'ended-title' } },
      el('h2', { text: 'Kürzlich beendet', attrs: { id: 'ended-title' } }),
      ended.length
        ? sessionsTable(ended, 'ended')
        : el('p', { class: 'meta', text: 'Noch keine beendeten Sitzungen.' }),
    ),
  );
}

function sessionsTable(sessions: InstructorSession[], id: string): HTMLElement {
  const head = [
    'Lernende',
    'Übung',
    'Schritt',
    'Fortschritt',
    'Status',
    'Letzte Aktivität',
    'Umgebung',
  ];
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { class: 'sessions', attrs: { id: `sessions-${id}` } },
      el(
        'thead',
        {},
        el('tr', {}, ...head.map((h) => el('th', { text: h, attrs: { scope: 'col' } }))),
      ),
      el('tbody', {}, ...sessions.map(sessionRow)),
    ),
  );
}

function sessionRow(s: InstructorSession): HTMLElement {
  return el(
    'tr',
    { attrs: { 'data-session': s.id } },
    el(
      'th',
      { attrs: { scope: 'row' } },
      el('a', {
        text: s.learner.name,
        attrs: { href: `#/sitzung/${s.id}`, 'data-focus-key': `session-${s.id}` },
      }),
    ),
    el('td', { text: s.labTitle }),
    el('td', { text: s.currentStep?.title ?? '–' }),
    el('td', { text: `${s.progress.passed}/${s.progress.total}` }),
    el(
      'td',
      {},
      el('span', { class: `status status-${s.status}`, text: STATUS_LABELS[s.status] }),
      s.message && s.status !== 'ready' ? el('div', { class: 'meta', text: s.message }) : null,
    ),
    el('td', {
      text: ago(s.lastActiveAt),
      attrs: { title: new Date(s.lastActiveAt).toLocaleString('de-DE') },
    }),
    el(
      'td',
      {},
      s.cluster
        ? el('span', {
            text: `${s.cluster.name} · ${CLUSTER_STATUS[s.cluster.status] ?? s.cluster.status} · Rechner ${s.cluster.engine}`,
          })
        : el('span', { class: 'meta', text: 'keine' }),
    ),
  );
}

function capacity(c: Overview['capacity']): HTMLElement {
  const queued = c.sessions.queued ?? 0;
  const provisioning = c.sessions.provisioning ?? 0;
  const clusters = c.clusters.filter((x) => x.count > 0);
  return el(
    'section',
    { class: 'capacity', attrs: { 'aria-labelledby': 'capacity-title' } },
    el('h2', { text: 'Warteschlange und Umgebungen', attrs: { id: 'capacity-title' } }),
    el('p', {
      text: `Warteschlange: ${queued} wartend, ${provisioning} werden gerade erstellt.`,
    }),
    clusters.length
      ? el(
          'ul',
          {},
          ...clusters.map((x) =>
            el('li', {
              text: `${DRIVERS[x.driver] ?? x.driver}: ${x.count} ${CLUSTER_STATUS[x.status] ?? x.status}`,
            }),
          ),
        )
      : el('p', { class: 'meta', text: 'Keine Umgebungen vorhanden.' }),
    enginesTable(c.engines),
  );
}

function problems(list: Overview['labProblems']): HTMLElement {
  return el(
    'section',
    { class: 'problems', attrs: { 'aria-labelledby': 'problems-title' } },
    el('h2', { text: 'Übungen mit Fehlern', attrs: { id: 'problems-title' } }),
    list.length
      ? el(
          'div',
          { class: 'table-wrap' },
          el(
            'table',
            {},
            el('caption', {
              class: 'meta',
              text: 'Diese Übungen fehlen im Katalog, bis die Fehler behoben sind.',
            }),
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                ...['Übung', 'Datei', 'Feld', 'Grund'].map((h) =>
                  el('th', { text: h, attrs: { scope: 'col' } }),
                ),
              ),
            ),
            el(
              'tbody',
              {},
              ...list.map((p) =>
                el(
                  'tr',
                  {},
                  el('th', { text: p.labId, attrs: { scope: 'row' } }),
                  el('td', {}, el('code', { text: p.line ? `${p.file}:${p.line}` : p.file })),
                  el('td', {}, el('code', { text: p.path || '–' })),
                  el('td', { text: p.message }),
                ),
              ),
            ),
          ),
        )
      : el('p', { class: 'meta', text: 'Alle Übungen sind gültig.' }),
  );
}
