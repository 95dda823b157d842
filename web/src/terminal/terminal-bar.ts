import type { Terminal } from '@xterm/xterm';

const SCREEN_READER_KEY = 'kubelab.terminal.screenReader';
let count = 0;

/**
 * The line under a terminal: how to leave it by keyboard, and the screen-reader mode.
 *
 * The shell needs Tab, Shift+Tab and Esc (completion, readline's Meta prefix, vi), so the
 * terminal keeps them; an Esc taken for leaving would stay pending in readline and turn the next
 * key into Meta-key. F6 (Shift+F6 backwards) is the way out, as in VS Code and desktop
 * applications: no shell of a lab needs it. It moves the focus to what follows (precedes) the
 * terminal in the page's Tab order. The screen-reader mode (xterm's accessibility tree) is on
 * where the learner asks for it, remembered in this browser.
 */
export function terminalBar(term: Terminal): HTMLElement {
  term.attachCustomKeyEventHandler((event) => {
    if (event.key !== 'F6' || event.ctrlKey || event.altKey || event.metaKey) return true;
    if (event.type === 'keydown' && term.element) {
      event.preventDefault();
      focusBeside(term.element, event.shiftKey ? -1 : 1);
    }
    return false;
  });
  term.options.screenReaderMode = localStorage.getItem(SCREEN_READER_KEY) === '1';

  const hint = document.createElement('span');
  hint.id = `kl-terminal-hint-${++count}`;
  hint.append(
    'Terminal verlassen: ',
    kbd('F6'),
    ' (zurück: ',
    kbd('Umschalt'),
    '+',
    kbd('F6'),
    ')',
  );
  term.textarea?.setAttribute('aria-describedby', hint.id);

  const reader = document.createElement('button');
  reader.type = 'button';
  reader.className = 'kl-terminal-reader';
  const show = () => {
    const on = term.options.screenReaderMode === true;
    reader.textContent = `Bildschirmleser-Modus: ${on ? 'an' : 'aus'}`;
    reader.setAttribute('aria-pressed', String(on));
  };
  reader.addEventListener('click', () => {
    const on = term.options.screenReaderMode !== true;
    term.options.screenReaderMode = on;
    localStorage.setItem(SCREEN_READER_KEY, on ? '1' : '0');
    show();
  });
  show();

  const bar = document.createElement('div');
  bar.className = 'kl-terminal-bar';
  bar.append(hint, reader);
  return bar;
}

function kbd(text: string): HTMLElement {
  const key = document.createElement('kbd');
  key.textContent = text;
  return key;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]';

/** Focuses the next (1) or previous (-1) element in Tab order outside `inside`. */
function focusBeside(inside: HTMLElement, direction: 1 | -1): void {
  const candidates = [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (e) => e.tabIndex >= 0 && e.getClientRects().length > 0 && !inside.contains(e),
  );
  const after = (e: HTMLElement) =>
    (inside.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  const target =
    direction === 1 ? candidates.find(after) : candidates.filter((e) => !after(e)).at(-1);
  target?.focus();
}
