import { el } from '../common/dom.js';
import { dateTime } from '../common/format.js';
import type { AvailabilityBlocker, LabAvailabilityRow } from '@contract/instructor.views.js';
import { DRIVERS } from './labels.js';

/**
 * „Übungen auf diesem Server“: which labs learners can start now and, for the others, what is
 * missing and what learners read; below it each missing thing once, with the operator's fix
 * (the preflight's, as `npm run doctor` prints it) and the labs it keeps from running.
 */
export function labAvailability(labs: LabAvailabilityRow[], checkedAt: string): HTMLElement {
  const startable = labs.filter((lab) => lab.available).length;
  const gaps = fixes(labs);
  return el(
    'section',
    { class: 'lab-availability', attrs: { 'aria-labelledby': 'availability-title' } },
    el('h2', { text: 'Übungen auf diesem Server', attrs: { id: 'availability-title' } }),
    el('p', {
      class: 'meta',
      text: `${startable} von ${labs.length} Übungen können gestartet werden · geprüft ${dateTime(checkedAt)}, höchstens einmal pro Minute neu`,
    }),
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        {},
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            ...['Übung', 'Umgebung', 'Startbar', 'Was fehlt (und was Lernende lesen)'].map((h) =>
              el('th', { text: h, attrs: { scope: 'col' } }),
            ),
          ),
        ),
        el('tbody', {}, ...labs.map(row)),
      ),
    ),
    gaps.length
      ? el(
          'div',
          { class: 'fixes' },
          el('h3', { text: 'So lässt es sich beheben' }),
          el('ul', {}, ...gaps.map(fixItem)),
        )
      : null,
  );
}

function row(lab: LabAvailabilityRow): HTMLElement {
  return el(
    'tr',
    { attrs: { 'data-lab': lab.labId } },
    el('th', { text: lab.title, attrs: { scope: 'row' } }),
    el('td', { text: DRIVERS[lab.environment] ?? lab.environment }),
    el('td', { text: lab.available ? 'ja' : 'nein', class: lab.available ? 'ok' : 'nonzero' }),
    el(
      'td',
      {},
      lab.available
        ? el('span', { class: 'meta', text: '–' })
        : el(
            'div',
            {},
            el(
              'ul',
              { class: 'blockers' },
              ...lab.blockers.map((b) => el('li', { text: b.problem })),
            ),
            el('p', { class: 'meta', text: `Lernende lesen: „${lab.learnerReason ?? ''}“` }),
          ),
    ),
  );
}

interface Gap extends AvailabilityBlocker {
  labs: string[];
}

/** Each missing thing once, with the labs it affects, in the order the labs name them. */
function fixes(labs: LabAvailabilityRow[]): Gap[] {
  const gaps = new Map<string, Gap>();
  for (const lab of labs)
    for (const blocker of lab.blockers) {
      const gap = gaps.get(blocker.label) ?? { ...blocker, labs: [] };
      gap.labs.push(lab.labId);
      gaps.set(blocker.label, gap);
    }
  return [...gaps.values()];
}

function fixItem(gap: Gap): HTMLElement {
  return el(
    'li',
    { attrs: { 'data-blocker': gap.label } },
    el('strong', { text: gap.problem }),
    gap.fix ? el('p', { class: 'fix', text: `Lösung: ${gap.fix}` }) : null,
    el('p', { class: 'meta', text: `Betrifft: ${gap.labs.join(', ')}` }),
  );
}
