import type { Terminal } from '@xterm/xterm';

/**
 * A note over the terminal after a paste: bash takes a pasted block as one input (bracketed
 * paste) and runs it only on Enter, which a learner does not expect. The next key hides it.
 * `pasted(text)` is called just before the text goes to xterm by the page's „Ins Terminal“
 * (always noted); the browser's own paste is caught before xterm takes it (noted when it is a
 * block of several lines).
 */
export function pasteNote(term: Terminal, frame: HTMLElement): { pasted(text: string): void } {
  const note = document.createElement('p');
  note.className = 'kl-terminal-paste-note';
  note.setAttribute('role', 'status');
  note.hidden = true;
  frame.append(note);

  let pending: string | null = null;
  term.onData(() => {
    // The paste itself arrives here too: it shows the note, any later input hides it.
    const text = pending;
    pending = null;
    note.hidden = text === null || !waitsForEnter(term, text);
    if (text !== null) note.textContent = message(text);
  });
  frame.addEventListener(
    'paste',
    (event) => {
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (lineCount(text) > 1) pending = text;
    },
    { capture: true },
  );
  return {
    pasted: (text) => {
      pending = text;
    },
  };
}

/** Without bracketed paste (a shell other than bash) every line runs as soon as it arrives. */
function waitsForEnter(term: Terminal, text: string): boolean {
  return term.modes.bracketedPasteMode || !/[\r\n]/.test(text);
}

function lineCount(text: string): number {
  return text.replace(/[\r\n]+$/, '').split(/\r\n|\r|\n/).length;
}

function message(text: string): string {
  const lines = lineCount(text);
  return lines > 1
    ? `${lines} Zeilen eingefügt, noch nicht ausgeführt: Drücke Enter, um sie auszuführen.`
    : 'Eingefügt, noch nicht ausgeführt: Drücke Enter, um den Befehl auszuführen.';
}
