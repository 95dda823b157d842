import { checkListItem } from '../common/check-item.js';
import { el } from '../common/dom.js';
import type { InstructorCheckView } from '@contract/instructor.views.js';
import { CHECK_KINDS } from './labels.js';

/**
 * One check of an attempt as the instructor reads it: what it checked and what it saw in
 * technical terms; the learner's sentence and the raw values folded away. Attempts stored before
 * the detail existed show their only text.
 */
export function checkDetail(check: InstructorCheckView): HTMLElement {
  return checkListItem(
    check,
    el('strong', {
      text: check.title ?? `${CHECK_KINDS[check.kind] ?? check.kind} (${check.id})`,
    }),
    el('p', { class: 'detail', text: check.detail ?? check.message }),
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
  );
}

/**
 * Raw values as an instructor reads them: a command's output as the terminal shows it (JSON
 * output pretty-printed), not as an escaped string inside JSON.
 */
function show(value: unknown): string {
  if (value === undefined || value === null) return '–';
  if (typeof value === 'string') return readable(value);
  if (Array.isArray(value) || typeof value !== 'object') return JSON.stringify(value, null, 2);
  return Object.entries(value)
    .map(([key, field]) => {
      const text = typeof field === 'string' ? readable(field) : JSON.stringify(field, null, 2);
      return text.includes('\n') ? `${key}:\n${indent(text)}` : `${key}: ${text}`;
    })
    .join('\n');
}

function readable(text: string): string {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed)) return text;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return text;
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
