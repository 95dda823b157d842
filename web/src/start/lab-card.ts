import { button, el } from '../common/dom.js';
import { LEVELS, STATUS_LABELS } from '../common/format.js';
import type { LabSummary } from '@contract/lab.views.js';
import { LIVE_STATUSES, type SessionView } from '@contract/session.views.js';

export interface CardActions {
  start: (lab: LabSummary) => void;
  open: (session: SessionView) => void;
  resume: (session: SessionView) => void;
}

/**
 * A lab with the learner's newest session of it: what they did and how to go on. A lab this
 * server cannot run says why and offers only what still works: a live session and the summary.
 */
export function labCard(
  lab: LabSummary,
  session: SessionView | undefined,
  actions: CardActions,
): HTMLElement {
  const titleId = `lab-${lab.id}-title`;
  const { available, reason } = lab.availability;
  const card = el(
    'li',
    {
      class: available ? 'card' : 'card unavailable',
      attrs: { 'aria-labelledby': titleId, 'data-lab': lab.id },
    },
    el('h2', { text: lab.title, attrs: { id: titleId } }),
    el('p', { text: lab.summary }),
    el('p', {
      class: 'meta',
      text: `${lab.duration} Minuten · ${LEVELS[lab.level] ?? lab.level} · ${lab.stepCount} Schritte · ${
        lab.environment === 'kind' ? 'eigener Kubernetes-Cluster' : 'eigener Linux-Rechner'
      }`,
    }),
  );
  if (session) card.append(progressOf(session, available));
  if (!available) card.append(unavailableNote(reason));
  card.append(actionsOf(lab, session, actions));
  return card;
}

function unavailableNote(reason: string | null): HTMLElement {
  return el(
    'div',
    { class: 'card-unavailable' },
    el('strong', { text: 'Gerade nicht verfügbar' }),
    reason ? el('p', { text: reason }) : null,
  );
}

/** The session's message is left out where the card says why the lab is not available. */
function progressOf(session: SessionView, available: boolean): HTMLElement {
  const { passed, total } = session.progress;
  const bar = el('progress', { attrs: { max: String(total), value: String(passed) } });
  bar.setAttribute('aria-label', 'Dein Fortschritt');
  return el(
    'div',
    { class: 'card-progress' },
    bar,
    el('span', {
      class: 'meta',
      text: `${passed} von ${total} Schritten geschafft · Sitzung ${STATUS_LABELS[session.status]}`,
    }),
    session.message && session.status !== 'ready' && available
      ? el('p', { class: 'meta', text: session.message })
      : null,
  );
}

function actionsOf(
  lab: LabSummary,
  session: SessionView | undefined,
  actions: CardActions,
): HTMLElement {
  const label = `${lab.title}`;
  const row = el('div', { class: 'card-actions' });
  const available = lab.availability.available;
  if (!session) {
    if (!available) return row;
    row.append(
      button('Starten', () => actions.start(lab), { attrs: { 'aria-label': `${label} starten` } }),
    );
  } else if (LIVE_STATUSES.includes(session.status)) {
    row.append(
      button('Fortsetzen', () => actions.open(session), {
        attrs: { 'aria-label': `${label} fortsetzen` },
      }),
    );
  } else if (session.status === 'finished') {
    row.append(button('Zusammenfassung', () => actions.open(session), { class: 'secondary' }));
    if (available)
      row.append(
        button('Neu starten', () => actions.start(lab), {
          attrs: { 'aria-label': `${label} neu starten` },
        }),
      );
  } else if (available) {
    row.append(
      button('Fortsetzen', () => actions.resume(session), {
        attrs: { 'aria-label': `${label} fortsetzen` },
      }),
    );
  }
  return row;
}
