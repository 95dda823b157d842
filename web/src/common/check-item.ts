import { el } from './dom.js';
import type { CheckStatus } from '@contract/session.views.js';

const ICONS: Record<CheckStatus, { icon: string; label: string }> = {
  pass: { icon: '✓', label: 'bestanden' },
  fail: { icon: '✗', label: 'nicht bestanden' },
  error: { icon: '⚠', label: 'konnte nicht prüfen' },
};

/** One check as a list item: ✓/✗/⚠ (its word for screen readers), then what the page shows of it. */
export function checkListItem(
  check: { id: string; status: CheckStatus },
  ...body: (Node | null)[]
): HTMLElement {
  const { icon, label } = ICONS[check.status];
  return el(
    'li',
    { class: `check check-${check.status}`, attrs: { 'data-check': check.id } },
    el('span', { class: 'icon', text: icon, attrs: { 'aria-hidden': 'true' } }),
    el('div', {}, el('span', { class: 'visually-hidden', text: `${label}: ` }), ...body),
  );
}
