import { api, messageOf } from '../api.js';
import { button, el, errorBox } from '../common/dom.js';
import { minutes } from '../common/format.js';
import type { FinishResponse, SessionView } from '@contract/session.views.js';

type Summary = FinishResponse['summary'];

/** From the session view, for a finished session opened again (same fields as the server's summary). */
export function summaryOf(session: SessionView): Summary {
  return session.steps.map((s) => ({
    stepId: s.id,
    title: s.title,
    passed: s.passed,
    attempts: s.attempts,
    firstAttemptAt: null,
    passedAt: s.passedAt,
  }));
}

/**
 * The end of a lab: per step whether it passed, how many attempts and how long it took (from
 * the step's start – the previous step's pass or the session's start – to its pass).
 */
export function finishView(session: SessionView, summary: Summary): HTMLElement {
  const passed = summary.filter((s) => s.passed).length;
  let startedAt = Date.parse(session.createdAt);
  const rows = summary.map((step, index) => {
    const passedAt = step.passedAt ? Date.parse(step.passedAt) : null;
    const took = passedAt ? minutes((passedAt - startedAt) / 1000) : '–';
    if (passedAt) startedAt = passedAt;
    return el(
      'tr',
      {},
      el('td', { text: String(index + 1) }),
      el('th', { text: step.title, attrs: { scope: 'row' } }),
      el('td', { text: step.passed ? '✓ geschafft' : 'offen', class: step.passed ? 'ok' : 'open' }),
      el('td', { text: String(step.attempts) }),
      el('td', { text: took }),
    );
  });
  const environment = el('div', { class: 'env-after', attrs: { 'aria-live': 'polite' } });
  renderEnvironment(environment, session);
  return el(
    'section',
    { class: 'finish', attrs: { 'aria-labelledby': 'finish-title' } },
    el('h2', { text: 'Übung abgeschlossen', attrs: { id: 'finish-title', tabindex: '-1' } }),
    el('p', {
      class: 'lead',
      text:
        passed === summary.length
          ? `Stark – du hast alle ${summary.length} Schritte geschafft.`
          : `Du hast ${passed} von ${summary.length} Schritten geschafft. Dein Fortschritt bleibt gespeichert.`,
    }),
    el(
      'table',
      { class: 'summary' },
      el('caption', { text: 'Deine Schritte' }),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...['Nr.', 'Schritt', 'Ergebnis', 'Versuche', 'Zeit'].map((h) =>
            el('th', { text: h, attrs: { scope: 'col' } }),
          ),
        ),
      ),
      el('tbody', {}, ...rows),
    ),
    environment,
    el(
      'p',
      {},
      el('a', { class: 'button-link', text: 'Zurück zur Übersicht', attrs: { href: '/' } }),
    ),
  );
}

/** finish already releases the environment; the button is there when that has not happened (yet). */
function renderEnvironment(box: HTMLElement, session: SessionView): void {
  const gone = !session.cluster || session.cluster.status === 'deleted';
  if (gone) {
    box.replaceChildren(el('p', { class: 'meta', text: 'Deine Umgebung ist gelöscht.' }));
    return;
  }
  if (session.cluster?.status === 'deleting') {
    // The finish request is still deleting it; its answer renders this box again.
    box.replaceChildren(el('p', { class: 'meta', text: 'Deine Umgebung wird gerade gelöscht …' }));
    return;
  }
  box.replaceChildren(
    el('p', { text: 'Deine Umgebung ist noch nicht gelöscht.' }),
    button('Umgebung jetzt löschen', () => {
      api<void>('DELETE', `/api/sessions/${session.id}`)
        .then(() => api<SessionView>('GET', `/api/sessions/${session.id}`))
        .then((fresh) => renderEnvironment(box, fresh))
        .catch((error: unknown) => box.replaceChildren(errorBox(messageOf(error))));
    }),
  );
}
