import { button, el } from '../common/dom.js';

/** Adds "Kopieren" and "Ins Terminal" to every code block of a step's text. */
export function enhanceCodeBlocks(
  root: HTMLElement,
  paste: (text: string) => boolean,
  announce: (message: string) => void,
): void {
  for (const pre of root.querySelectorAll('pre')) {
    const code = (pre.querySelector('code') ?? pre).textContent ?? '';
    const text = code.replace(/\n+$/, '');
    const bar = el(
      'div',
      { class: 'code-actions' },
      button(
        'Kopieren',
        () => {
          void copy(text).then((ok) =>
            announce(
              ok
                ? 'In die Zwischenablage kopiert.'
                : 'Kopieren ging nicht – markiere den Text und drücke Strg+C.',
            ),
          );
        },
        { class: 'small secondary', attrs: { 'aria-label': 'Code kopieren' } },
      ),
      button(
        'Ins Terminal',
        () => {
          // Pasted, not run: the learner reads it once more and presses Enter.
          announce(
            paste(text)
              ? 'Ins Terminal eingefügt. Drücke Enter, um den Befehl auszuführen.'
              : 'Das Terminal ist noch nicht bereit.',
          );
        },
        { class: 'small secondary', attrs: { 'aria-label': 'Code ins Terminal einfügen' } },
      ),
    );
    const wrapper = el('div', { class: 'code-block' });
    pre.replaceWith(wrapper);
    wrapper.append(pre, bar);
  }
}

/** The Clipboard API needs a secure context; on plain http to another host, fall back. */
async function copy(text: string): Promise<boolean> {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // fall through to the old way
    }
  }
  const area = el('textarea', { attrs: { readonly: '', 'aria-hidden': 'true' } });
  area.value = text;
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  return ok;
}
