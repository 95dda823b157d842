import { Logger } from '@nestjs/common';
import type { RawData, WebSocket } from 'ws';
import type { ConnectionSlot } from '../common/connection-slot.js';
import { InputPump } from './flow-control.js';
import type { Terminal, TerminalClient } from './terminal.js';
import { TerminalError } from './terminal-error.js';
import type { TerminalOptions } from './terminal-options.js';
import {
  clientControlMessage,
  helloMessage,
  parseControl,
  type ServerControlMessage,
} from '../contract/terminal-protocol.js';
import type { TerminalsService } from './terminals.service.js';
import { TokenBucket } from '../common/rate-limit/token-bucket.js';

/**
 * One WebSocket: waits for `hello`, then relays frames between the socket and its terminal.
 * All state is per connection; the terminal outlives it for the grace period. `slot` is its
 * place among the open sockets (null: there was none, and it is being refused).
 */
export class TerminalConnection implements TerminalClient {
  private readonly logger = new Logger(TerminalConnection.name);
  private readonly frames: TokenBucket;
  private state: 'hello' | 'attaching' | 'attached' | 'closed' = 'hello';
  private terminal?: Terminal;
  private input?: InputPump;
  private lastSeen = Date.now();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly socket: WebSocket,
    private readonly terminals: TerminalsService,
    private readonly options: TerminalOptions,
    private readonly slot: ConnectionSlot | null,
    /** Its place among the sockets of its address that have not said hello yet. */
    private readonly pending?: ConnectionSlot,
  ) {
    this.frames = new TokenBucket(options.framesPerSecond, options.frameBurst);
    socket.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    socket.on('close', () => this.onClose());
    socket.on('error', (error) => this.logger.debug(`Socket error: ${error.message}`));
    this.timer(
      setTimeout(() => {
        if (this.state === 'hello') this.end(new TerminalError('HELLO_TIMEOUT'));
      }, options.helloTimeoutMs),
    );
    this.timer(setInterval(() => this.heartbeat(), options.heartbeatMs));
  }

  output(bytes: Buffer): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(bytes, { binary: true });
  }

  control(message: ServerControlMessage): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  end(error?: TerminalError): void {
    const terminal = this.terminal;
    this.terminal = undefined;
    this.state = 'closed';
    terminal?.detach(this);
    if (error) this.control({ type: 'error', code: error.code, message: error.message });
    this.socket.close(error?.closeCode ?? 1000, error?.closeReason);
    this.slot?.release();
    this.pending?.release();
  }

  private onFrame(data: RawData, isBinary: boolean): void {
    this.lastSeen = Date.now();
    if (this.state === 'closed') return;
    if (!this.frames.take()) return this.end(new TerminalError('RATE_LIMITED'));
    const bytes = toBuffer(data);
    if (this.state === 'hello') return this.onHello(bytes, isBinary);
    if (this.state !== 'attached' || !this.terminal || !this.input) return;
    if (isBinary) {
      this.input.write(bytes);
      this.terminals.activity(this.terminal.sessionId);
      return;
    }
    const message = parseControl(clientControlMessage, bytes.toString('utf8'));
    if (!message) return this.end(new TerminalError('BAD_MESSAGE'));
    switch (message.type) {
      case 'resize':
        this.terminal.resize({ cols: message.cols, rows: message.rows });
        break;
      case 'ack':
        this.terminal.ack(message.seq);
        break;
      case 'ping':
        this.control({ type: 'pong' });
        break;
      case 'pong':
        break;
    }
  }

  private onHello(bytes: Buffer, isBinary: boolean): void {
    this.pending?.release();
    const hello = isBinary ? null : parseControl(helloMessage, bytes.toString('utf8'));
    if (!hello) return this.end(new TerminalError('BAD_MESSAGE'));
    this.state = 'attaching';
    this.terminals.attach(hello, this, this.slot ?? undefined).then(
      (terminal) => {
        if (this.state !== 'attaching') {
          // The socket closed while the shell was opening: start its grace period now.
          terminal.detach(this);
          return;
        }
        this.state = 'attached';
        this.terminal = terminal;
        this.input = new InputPump(terminal, this.socket);
      },
      (error: unknown) => {
        if (error instanceof TerminalError) return this.end(error);
        this.logger.error(`Attaching a terminal failed: ${String(error)}`);
        this.end(new TerminalError('SHELL_FAILED'));
      },
    );
  }

  private heartbeat(): void {
    if (Date.now() - this.lastSeen > 3 * this.options.heartbeatMs) {
      this.end(new TerminalError('HEARTBEAT_TIMEOUT'));
      this.socket.terminate();
      return;
    }
    this.control({ type: 'ping' });
  }

  private onClose(): void {
    this.slot?.release();
    this.pending?.release();
    for (const timer of this.timers) clearTimeout(timer);
    const terminal = this.terminal;
    this.terminal = undefined;
    this.state = 'closed';
    terminal?.detach(this);
  }

  private timer(timer: NodeJS.Timeout): void {
    timer.unref();
    this.timers.push(timer);
  }
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
