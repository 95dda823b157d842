import { el } from './dom.js';

/** Plain text with `backticks` as inline code (hints are written that way); never parsed as HTML. */
export function inlineCode(text: string): HTMLElement {
  const span = el('span');
  text.split(/`([^`]+)`/).forEach((part, index) => {
    if (part) span.append(index % 2 ? el('code', { text: part }) : part);
  });
  return span;
}
