import { button, el } from '../common/dom.js';
import { checkListItem } from '../common/check-item.js';
import { inlineCode } from '../common/inline-code.js';
import type { CheckResponse, CheckResultView } from '@contract/session.views.js';

/** The answer to "Prüfen": a verdict, each check with ✓/✗/⚠ and its German message, hints. */
export function checkResults(
  response: CheckResponse,
  /** Titles for checks the lab left untitled, e.g. an answer check's question. */
  titles: Map<string, string> = new Map(),
  /** Takes the learner to the field of an answer check that did not pass. */
  toAnswer?: (id: string) => void,
): HTMLElement {
  const passed = response.checks.filter((c) => c.status === 'pass').length;
  const errors = response.checks.some((c) => c.status === 'error');
  const verdict = response.passed
    ? 'Geschafft! Alle Prüfungen sind bestanden.'
    : `${passed} von ${response.checks.length} Prüfungen bestanden.${
        errors
          ? ' Manche konnten nicht prüfen – das liegt nicht an dir; prüfe gleich noch einmal.'
          : ''
      }`;
  return el(
    'div',
    { class: `results ${response.passed ? 'passed' : 'failed'}` },
    el('p', { class: 'verdict', text: verdict, attrs: { tabindex: '-1' } }),
    el(
      'ul',
      { class: 'checks' },
      ...response.checks.map((c) => {
        const item = checkItem({ ...c, title: c.title ?? titles.get(c.id) });
        if (toAnswer && c.kind === 'answer' && c.status !== 'pass') {
          item.lastElementChild?.append(
            button('Antwort ändern', () => toAnswer(c.id), { class: 'small secondary' }),
          );
        }
        return item;
      }),
    ),
    response.hints.length
      ? el(
          'div',
          { class: 'hints matched' },
          el('h4', { text: 'Hinweis' }),
          ...response.hints.map((hint) => el('p', {}, inlineCode(hint))),
        )
      : null,
  );
}

/** One check: ✓/✗/⚠, its title, the German sentence and, folded, a command to look for oneself. */
export function checkItem(check: CheckResultView): HTMLElement {
  return checkListItem(
    check,
    check.title ? el('strong', { text: check.title }) : null,
    el('p', {}, inlineCode(check.message)),
    check.see && check.status !== 'pass'
      ? el(
          'details',
          { class: 'see' },
          el('summary', { text: 'Selbst nachsehen' }),
          el('p', { text: 'Im Terminal zeigt dir dieser Befehl, was die Prüfung gesehen hat:' }),
          el('pre', {}, el('code', { text: check.see })),
        )
      : null,
  );
}
