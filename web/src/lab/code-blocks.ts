import { button, el } from '../common/dom.js';

/** How long a button shows what it just did („✓ Kopiert“) before its label returns. */
const CONFIRM_MS = 2500;

/**
 * Adds "Kopieren" and "Ins Terminal" to every code block of a step's text. Each answers on
 * screen (the button says what it did, a line beside it says what comes next) and to screen
 * readers through `announce`.
 */
export function enhanceCodeBlocks(
  root: HTMLElement,
  paste: (text: string) => boolean,
  announce: (message: string) => void,
): void {
  for (const pre of root.querySelectorAll('pre')) {
    const code = (pre.querySelector('code') ?? pre).textContent ?? '';
    const text = code.replace(/\n+$/, '');
    // Read aloud through `announce` already: hidden from screen readers, so it is said once.
    const feedback = el('span', { class: 'code-feedback', attrs: { 'aria-hidden': 'true' } });
    const say = (message: string, ok: boolean) => {
      feedback.textContent = message;
      feedback.dataset.ok = String(ok);
      announce(message);
    };
    // A success is shown for a moment; a failure stays until the next try.
    const done = () => {
      if (feedback.dataset.ok === 'true') feedback.textContent = '';
    };
    const copyButton = button(
      'Kopieren',
      () => {
        void copy(text).then((ok) => {
          if (ok) confirm(copyButton, '✓ Kopiert', done);
          say(
            ok
              ? 'In die Zwischenablage kopiert.'
              : 'Kopieren ging nicht – markiere den Text und drücke Strg+C.',
            ok,
          );
        });
      },
      { class: 'small secondary', attrs: { 'aria-label': 'Code kopieren' } },
    );
    const pasteButton = button(
      'Ins Terminal',
      () => {
        // Pasted, not run: the learner reads it once more and presses Enter.
        const ok = paste(text);
        if (ok) confirm(pasteButton, '✓ Eingefügt', done);
        say(
          ok
            ? `Ins Terminal eingefügt. Drücke Enter, um ${text.includes('\n') ? 'die Befehle' : 'den Befehl'} auszuführen.`
            : 'Das Terminal ist noch nicht bereit.',
          ok,
        );
      },
      { class: 'small secondary', attrs: { 'aria-label': 'Code ins Terminal einfügen' } },
    );
    const bar = el('div', { class: 'code-actions' }, feedback, copyButton, pasteButton);
    const wrapper = el('div', { class: 'code-block' });
    pre.replaceWith(wrapper);
    wrapper.append(pre, bar);
  }
}

/** The button's label says what it did, for a moment; its accessible name stays. */
function confirm(target: HTMLButtonElement, label: string, then: () => void): void {
  const original = target.dataset.label ?? target.textContent ?? '';
  target.dataset.label = original;
  target.textContent = label;
  target.classList.add('done');
  window.clearTimeout(Number(target.dataset.timer));
  target.dataset.timer = String(
    window.setTimeout(() => {
      target.textContent = original;
      target.classList.remove('done');
      then();
    }, CONFIRM_MS),
  );
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
