import { el } from '../common/dom.js';
import type { InstructorCheckView } from '@contract/instructor.views.js';
import { CHECK_KINDS } from './labels.js';

const ICONS = {
  pass: { icon: '✓', label: 'bestanden' },
  fail: { icon: '✗', label: 'nicht bestanden' },
  error: { icon: '⚠', label: 'konnte nicht prüfen' },
} as const;

/**
 * One check of an attempt as the instructor reads it: what it checked and what it saw in
 * technical terms; the learner's sentence and the raw values folded away. Attempts stored before
 * the detail existed show their only text.
 */
export function checkDetail(check: InstructorCheckView): HTMLElement {
  const { icon, label } = ICONS[check.status];
  const technical = check.detail ?? check.message;
  return el(
    'li',
    { class: `check check-${check.status}`, attrs: { 'data-check': check.id } },
    el('span', { class: 'icon', text: icon, attrs: { 'aria-hidden': 'true' } }),
    el(
      'div',
      {},
      el('span', { class: 'visually-hidden', text: `${label}: ` }),
      el('strong', {
        text: check.title ?? `${CHECK_KINDS[check.kind] ?? check.kind} (${check.id})`,
      }),
      el('p', { class: 'detail', text: technical }),
      el(
        'details',
        {},
        el('summary', { text: 'Text für Lernende, erwartet und beobachtet' }),
        el(
          'dl',
          {},
          el('dt', { text: 'Lernende lasen' }),
          el('dd', { text: check.message }),
          el('dt', { text: 'Erwartet' }),
          el('dd', {}, el('pre', { text: show(check.expected) })),
          el('dt', { text: 'Beobachtet' }),
          el('dd', {}, el('pre', { text: show(check.observed) })),
        ),
      ),
    ),
  );
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '–';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}
