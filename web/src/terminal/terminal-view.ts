import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import './terminal.css';
import { pasteNote } from './paste-note.js';
import { terminalBar } from './terminal-bar.js';
import { TerminalSocket, type SocketState } from './terminal-socket.js';

export interface TerminalView {
  paste(text: string): void;
  focus(): void;
  fit(): void;
  dispose(): void;
}

export interface OpenTerminalOptions {
  sessionId: string;
  /** Undefined: the server's default target (the control-plane). */
  node?: string;
  /** Default: the learner's token from localStorage (`kubelab.token`). */
  token?: string;
  /** The server closed the terminal because the session ended. */
  onSessionEnded?: (message: string) => void;
}

const TOKEN_KEY = 'kubelab.token';

/**
 * An xterm.js terminal in `host`, connected to the server's shell. It fills `host` (fit addon,
 * following the element's size) and covers itself with a German notice while the connection is
 * being restored; the shell keeps running on the server in the meantime.
 */
export function openTerminal(host: HTMLElement, options: OpenTerminalOptions): TerminalView {
  const term = new Terminal({
    cursorBlink: true,
    fontFamily: "ui-monospace, 'DejaVu Sans Mono', Menlo, monospace",
    fontSize: 14,
    // DejaVu Sans Mono draws `_` and descenders at the very bottom of its em box; at a line
    // height of 1 the rows cut them off (`ip_forward` read `ip forward`).
    lineHeight: 1.2,
    scrollback: 5000,
    theme: { background: '#1e1e1e' },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  const frame = document.createElement('div');
  frame.className = 'kl-terminal';
  const status = document.createElement('div');
  status.className = 'kl-terminal-status';
  status.setAttribute('role', 'status');
  status.hidden = true;
  const screen = document.createElement('div');
  screen.className = 'kl-terminal-screen';
  frame.append(status, screen);
  host.append(frame);
  term.open(screen);
  const note = pasteNote(term, screen);
  frame.append(terminalBar(term));

  /** The notice over the terminal; `action` adds a button to it. */
  const showStatus = (text: string | undefined, action?: { label: string; run: () => void }) => {
    status.replaceChildren(text ?? '');
    if (action) {
      const take = document.createElement('button');
      take.type = 'button';
      take.textContent = action.label;
      take.addEventListener('click', action.run);
      status.append(take);
    }
    status.hidden = !text;
  };
  const line = (text: string) => term.write(`\r\n\x1b[33m${text}\x1b[0m\r\n`);

  const token = options.token ?? localStorage.getItem(TOKEN_KEY) ?? '';
  const socket = new TerminalSocket(
    {
      sessionId: options.sessionId,
      node: options.node,
      token,
      storageKey: `kubelab.terminal.${options.sessionId}.${options.node ?? 'default'}`,
    },
    {
      output: (bytes, done) => term.write(bytes, done),
      state: (state: SocketState, message?: string) => {
        if (state === 'connected') showStatus(undefined);
        else if (state === 'reconnecting') showStatus(message);
        else if (state === 'closed') showStatus(message ?? 'Das Terminal ist geschlossen.');
      },
      notice: (message) => line(message),
      replaced: (message) =>
        showStatus(message, {
          label: 'Hier weiterarbeiten',
          run: () => {
            showStatus(undefined);
            socket.takeBack();
            term.focus();
          },
        }),
      newShell: () => {
        term.reset();
        line('Die vorige Shell wurde beendet. Hier ist eine neue.');
      },
      exit: (code) => {
        line(
          `Die Shell wurde beendet (Exit-Code ${code}). Lade die Seite neu für eine neue Shell.`,
        );
      },
      sessionEnded: (message) => {
        showStatus(message);
        options.onSessionEnded?.(message);
      },
    },
  );
  term.onData((data) => socket.input(data));
  term.onBinary((data) => socket.binaryInput(data));
  term.onResize(({ cols, rows }) => socket.resize(cols, rows));

  const refit = () => {
    if (screen.clientWidth > 0 && screen.clientHeight > 0) fit.fit();
  };
  const observer = new ResizeObserver(refit);
  observer.observe(screen);
  refit();
  socket.resize(term.cols, term.rows);

  return {
    paste: (text) => {
      note.pasted(text);
      term.paste(text);
    },
    focus: () => term.focus(),
    fit: refit,
    dispose: () => {
      observer.disconnect();
      socket.dispose();
      term.dispose();
      frame.remove();
    },
  };
}
