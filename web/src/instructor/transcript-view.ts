import { el } from '../common/dom.js';
import { dateTime } from '../common/format.js';
import type { TranscriptEntry } from '@contract/instructor.views.js';

const BY_STEP_KEY = 'kubelab.transcriptByStep';
const HEAD = ['Zeit', 'Terminal', 'Befehl', 'Exit-Code', 'Ausgabe'];

export interface TranscriptParts {
  /** The heading's count, e.g. "12" or "20 von 45". */
  count: string;
  /** "Ältere Befehle laden", while there are older pages. */
  older: HTMLElement | null;
  /** The lab's steps in order: the groups' order and titles. */
  steps: { id: string; title: string }[];
}

/**
 * The commands the learner ran, oldest first: one table, or (switch „Nach Schritt gruppieren“,
 * remembered in this browser) one table per step the commands were work on, in the lab's
 * order. The server decides the step of each command (see its `stepId`).
 */
export function transcriptSection(entries: TranscriptEntry[], parts: TranscriptParts): HTMLElement {
  const oldestFirst = [...entries].reverse();
  const terminals = [...new Set(oldestFirst.map((e) => e.terminal))];
  const body = el('div', { class: 'transcript-body' });
  const render = (byStep: boolean) =>
    body.replaceChildren(
      byStep ? grouped(oldestFirst, parts.steps, terminals) : table(oldestFirst, terminals),
    );
  const toggle = el('input', {
    attrs: { type: 'checkbox', 'data-focus-key': 'transcript-by-step' },
  });
  toggle.checked = localStorage.getItem(BY_STEP_KEY) === '1';
  toggle.addEventListener('change', () => {
    localStorage.setItem(BY_STEP_KEY, toggle.checked ? '1' : '0');
    render(toggle.checked);
  });
  if (oldestFirst.length) render(toggle.checked);
  return el(
    'section',
    { attrs: { 'aria-labelledby': 'transcript-title' } },
    el('h2', { text: `Befehle im Terminal (${parts.count})`, attrs: { id: 'transcript-title' } }),
    oldestFirst.length
      ? el('p', { class: 'transcript-options' }, el('label', {}, toggle, 'Nach Schritt gruppieren'))
      : null,
    parts.older,
    oldestFirst.length
      ? body
      : el('p', { class: 'meta', text: 'Noch keine Befehle aufgezeichnet.' }),
  );
}

function grouped(
  entries: TranscriptEntry[],
  steps: TranscriptParts['steps'],
  terminals: string[],
): HTMLElement {
  const byStep = new Map(steps.map((step) => [step.id, [] as TranscriptEntry[]]));
  const unplaced: TranscriptEntry[] = [];
  for (const entry of entries) (byStep.get(entry.stepId ?? '') ?? unplaced).push(entry);
  const known = steps.filter((step) => byStep.get(step.id)?.length);
  return el(
    'div',
    {},
    el('p', {
      class: 'meta',
      text: 'Ein Befehl zählt zu dem Schritt, der danach als Nächstes geprüft wurde; Befehle nach der letzten Prüfung zu dem Schritt, der gerade offen ist.',
    }),
    ...known.map((step) =>
      group(
        `Schritt ${steps.indexOf(step) + 1}: ${step.title}`,
        step.id,
        byStep.get(step.id) ?? [],
        terminals,
      ),
    ),
    unplaced.length ? group('Keinem Schritt zugeordnet', '', unplaced, terminals) : null,
  );
}

function group(
  title: string,
  stepId: string,
  entries: TranscriptEntry[],
  terminals: string[],
): HTMLElement {
  const n = entries.length;
  return el(
    'section',
    { class: 'transcript-group', attrs: { 'data-step': stepId } },
    el(
      'h3',
      {},
      title,
      el('span', { class: 'meta', text: ` · ${n} ${n === 1 ? 'Befehl' : 'Befehle'}` }),
    ),
    table(entries, terminals),
  );
}

function table(entries: TranscriptEntry[], terminals: string[]): HTMLElement {
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { class: 'transcript' },
      el(
        'thead',
        {},
        el('tr', {}, ...HEAD.map((h) => el('th', { text: h, attrs: { scope: 'col' } }))),
      ),
      el('tbody', {}, ...entries.map((e) => row(e, terminals))),
    ),
  );
}

function row(e: TranscriptEntry, terminals: string[]): HTMLElement {
  return el(
    'tr',
    { class: e.dropped === null ? '' : 'dropped' },
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
        ? el('details', {}, el('summary', { text: 'anzeigen' }), el('pre', { text: e.output }))
        : el('span', { class: 'meta', text: 'keine' }),
    ),
  );
}
