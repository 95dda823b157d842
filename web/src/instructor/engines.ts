import { el } from '../common/dom.js';
import { ago } from '../common/format.js';
import type { EngineView } from '@contract/instructor.views.js';

/** The Docker engines environments are placed on: health, room and what waits for clean-up. */
export function enginesTable(engines: EngineView[]): HTMLElement {
  const head = ['Rechner', 'Zustand', 'Umgebungen', 'Frei', 'Aufzuräumen'];
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { class: 'engines', attrs: { id: 'engines' } },
      el('caption', {
        class: 'meta',
        text: 'Jede Umgebung läuft auf einer Docker-Engine (KUBELAB_DOCKER_HOSTS). Neue Umgebungen kommen auf den Rechner mit dem meisten freien Platz.',
      }),
      el(
        'thead',
        {},
        el('tr', {}, ...head.map((h) => el('th', { text: h, attrs: { scope: 'col' } }))),
      ),
      el('tbody', {}, ...engines.map(engineRow)),
    ),
  );
}

function engineRow(engine: EngineView): HTMLElement {
  const up = engine.state === 'up';
  return el(
    'tr',
    { attrs: { 'data-engine': engine.name } },
    el('th', { text: engine.name, attrs: { scope: 'row' } }),
    el(
      'td',
      {},
      el('span', {
        class: `status status-${up ? 'ready' : 'unavailable'}`,
        text: up ? 'antwortet' : `antwortet nicht (seit ${ago(engine.since)})`,
      }),
      engine.lastError ? el('div', { class: 'meta', text: engine.lastError }) : null,
    ),
    el('td', {
      text: `${engine.environments} von ${engine.capacity}${engine.pooled ? ` (${engine.pooled} im Vorrat)` : ''}`,
    }),
    el('td', { text: String(engine.free) }),
    el('td', { text: engine.lost ? `${engine.lost} (sobald er wieder antwortet)` : '–' }),
  );
}
