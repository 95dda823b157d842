import { FINAL_CLOSE_CODES, type TerminalErrorCode } from '@contract/terminal-close-codes.js';
import type { ClientMessage, ServerControlMessage } from '@contract/terminal-protocol.js';

export type SocketState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface SocketEvents {
  /** Output bytes; call `done` once they are shown, so the server may send more. */
  output(bytes: Uint8Array, done: () => void): void;
  state(state: SocketState, message?: string): void;
  notice(message: string): void;
  /** A fresh shell replaced one that no longer existed: the screen should be cleared. */
  newShell(): void;
  /** Another tab or browser took this shell over; `takeBack` reattaches it here. */
  replaced(message: string): void;
  exit(code: number): void;
  sessionEnded(message: string): void;
}

export interface SocketOptions {
  sessionId: string;
  node?: string;
  token: string;
  /** Where the terminal id and position survive a page reload. */
  storageKey: string;
}

const ACK_BYTES = 32 * 1024;
const ACK_DELAY_MS = 50;
/** The server pings every 25 s; three missed pings mean the connection is dead. */
const SILENCE_MS = 75_000;
const INPUT_CHUNK = 16 * 1024;
const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 5000];

/**
 * One terminal's WebSocket, kept alive across network loss: it reconnects with the terminal id
 * and the byte offset it has shown (`lastSeq`), so the server replays exactly the missed output.
 * Output is acknowledged once xterm has processed it (flow control on the server).
 */
export class TerminalSocket {
  private socket?: WebSocket;
  private terminalId?: string;
  /** Offset of the next output byte; only meaningful after `ready`. */
  private seq = 0;
  /** Offset up to which xterm has processed output. */
  private shownSeq = 0;
  private ackedSeq = 0;
  private ackTimer?: number;
  private silenceTimer?: number;
  private attempt = 0;
  private stopped = false;
  /** The shell we asked for is gone: the next connection opens a new one, at once. */
  private reopen = false;
  private size?: { cols: number; rows: number };
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly options: SocketOptions,
    private readonly events: SocketEvents,
  ) {
    // After a reload the screen is empty: reattach and ask for everything the server kept.
    this.terminalId = sessionStorage.getItem(options.storageKey) ?? undefined;
    this.connect();
  }

  input(text: string): void {
    this.sendBytes(this.encoder.encode(text));
  }

  /** xterm's binary input (some mouse reports): one byte per character. */
  binaryInput(data: string): void {
    this.sendBytes(Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff));
  }

  resize(cols: number, rows: number): void {
    this.size = { cols, rows };
    this.send({ type: 'resize', cols, rows });
  }

  /** After `replaced`: attaches this shell here again, with the output shown elsewhere since. */
  takeBack(): void {
    if (!this.stopped || !this.terminalId) return;
    this.stopped = false;
    this.connect();
  }

  dispose(): void {
    this.stopped = true;
    window.clearTimeout(this.ackTimer);
    window.clearTimeout(this.silenceTimer);
    this.socket?.close(1000);
    sessionStorage.removeItem(this.options.storageKey);
  }

  private connect(): void {
    const url = new URL('/ws/terminal', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onopen = () => {
      this.send({
        type: 'hello',
        token: this.options.token,
        sessionId: this.options.sessionId,
        ...(this.options.node ? { target: { node: this.options.node } } : {}),
        // Received counts, not shown: what is still queued in xterm will be shown anyway.
        // Without an id of its own (another tab or browser) it takes the session's live shell.
        ...(this.terminalId
          ? { terminalId: this.terminalId, lastSeq: this.seq }
          : { resume: true as const }),
      });
    };
    socket.onmessage = (event: MessageEvent<ArrayBuffer | string>) => this.onMessage(event.data);
    socket.onclose = (event) => this.onClose(socket, event.code);
    this.watchSilence();
  }

  private onMessage(data: ArrayBuffer | string): void {
    this.watchSilence();
    if (typeof data !== 'string') {
      const bytes = new Uint8Array(data);
      this.seq += bytes.length;
      const end = this.seq;
      this.events.output(bytes, () => this.shown(end));
      return;
    }
    const message = JSON.parse(data) as ServerControlMessage;
    switch (message.type) {
      case 'ready':
        this.attempt = 0;
        this.terminalId = message.terminalId;
        this.seq = this.shownSeq = this.ackedSeq = message.seq;
        sessionStorage.setItem(this.options.storageKey, message.terminalId);
        if (this.size) this.send({ type: 'resize', ...this.size });
        this.events.state('connected');
        break;
      case 'notice':
        this.events.notice(message.message);
        break;
      case 'exit':
        this.stopped = true;
        sessionStorage.removeItem(this.options.storageKey);
        this.events.exit(message.code);
        break;
      case 'error':
        this.onError(message.code, message.message);
        break;
      case 'ping':
        this.send({ type: 'pong' });
        break;
      case 'pong':
        break;
    }
  }

  private onError(code: TerminalErrorCode, message: string): void {
    if (code === 'TERMINAL_NOT_FOUND' && this.terminalId) {
      this.terminalId = undefined;
      this.seq = 0;
      sessionStorage.removeItem(this.options.storageKey);
      this.reopen = true;
      this.events.newShell();
      return;
    }
    this.stopped = true;
    if (code === 'REPLACED') this.events.replaced(message);
    else if (code === 'SESSION_ENDED') this.events.sessionEnded(message);
    else this.events.state('closed', message);
  }

  private onClose(socket: WebSocket, code: number): void {
    if (socket !== this.socket) return;
    window.clearTimeout(this.silenceTimer);
    if (this.stopped) return;
    if (FINAL_CLOSE_CODES.has(code) && !this.reopen) {
      this.stopped = true;
      this.events.state('closed', 'Das Terminal wurde geschlossen.');
      return;
    }
    let delay = 0;
    if (!this.reopen) {
      this.events.state('reconnecting', 'Verbindung verloren – wird wiederhergestellt…');
      delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
      this.attempt++;
    }
    this.reopen = false;
    window.setTimeout(() => this.connect(), delay);
  }

  private shown(seq: number): void {
    this.shownSeq = Math.max(this.shownSeq, seq);
    if (this.shownSeq - this.ackedSeq >= ACK_BYTES) return this.ack();
    this.ackTimer ??= window.setTimeout(() => this.ack(), ACK_DELAY_MS);
  }

  private ack(): void {
    window.clearTimeout(this.ackTimer);
    this.ackTimer = undefined;
    if (this.shownSeq <= this.ackedSeq) return;
    this.ackedSeq = this.shownSeq;
    this.send({ type: 'ack', seq: this.shownSeq });
  }

  private sendBytes(bytes: Uint8Array<ArrayBuffer>): void {
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    for (let i = 0; i < bytes.length; i += INPUT_CHUNK) {
      this.socket.send(bytes.subarray(i, i + INPUT_CHUNK));
    }
  }

  private send(message: ClientMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  /** A connection that went quiet (sleeping laptop, dead Wi-Fi) is replaced. */
  private watchSilence(): void {
    window.clearTimeout(this.silenceTimer);
    const socket = this.socket;
    this.silenceTimer = window.setTimeout(() => socket?.close(4000), SILENCE_MS);
  }
}
