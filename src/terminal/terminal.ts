import { Logger } from '@nestjs/common';
import type { ShellStream, TerminalSize } from '../clusters/environment-handle.js';
import { newId } from '../common/ids.js';
import { CommandRecorder, type FinishedCommand, type StartedCommand } from './command-recorder.js';
import { OutputFlowController, type FlowStats, type WritableSink } from './flow-control.js';
import { Osc633Parser } from './osc633-parser.js';
import { OutputBatcher } from './output-batcher.js';
import { OutputRing } from './output-ring.js';
import { ShellInput } from './shell-input.js';
import type { ServerControlMessage } from '../contract/terminal-protocol.js';
import { TerminalError } from './terminal-error.js';
import type { TerminalOptions } from './terminal-options.js';

/** The WebSocket side of a terminal, as the terminal sees it. */
export interface TerminalClient {
  output(bytes: Buffer): void;
  control(message: ServerControlMessage): void;
  /** Closes the connection: normally, or with `{type:'error'}` and the error's close code. */
  end(error?: TerminalError): void;
}

export interface TerminalHooks {
  onCommandStarted(terminal: Terminal, command: StartedCommand): void;
  onCommandFinished(terminal: Terminal, command: FinishedCommand): void;
  /** The shell is gone; the terminal can be forgotten. */
  onEnd(terminal: Terminal): void;
  now(): Date;
}

/**
 * One shell and everything between it and the browser: marker stripping and transcript,
 * batching, the replay buffer, flow control, and the grace period while nobody is attached.
 * At most one client is attached; a second one takes over (reload in another tab).
 */
export class Terminal implements WritableSink {
  readonly id = newId();
  private readonly logger = new Logger(Terminal.name);
  private readonly parser: Osc633Parser;
  private readonly ring: OutputRing;
  private readonly flow: OutputFlowController;
  private readonly recorder: CommandRecorder;
  private client: TerminalClient | null = null;
  private readonly batcher: OutputBatcher;
  private readonly input: ShellInput;
  private graceTimer?: NodeJS.Timeout;
  private exitCode: number | null = null;
  private closing = false;
  private markDone!: () => void;
  /** Resolves once the shell has ended and the terminal is finished. */
  readonly done = new Promise<void>((resolve) => (this.markDone = resolve));

  /**
   * `node`: the node the shell runs in, so a browser that asks for the session's terminal there
   * finds this one; `nonce`: what the shell's prompt hook signs its markers with (null: none).
   */
  constructor(
    readonly sessionId: string,
    readonly node: string,
    private readonly shell: ShellStream,
    nonce: string | null,
    private readonly options: TerminalOptions,
    private readonly hooks: TerminalHooks,
  ) {
    this.parser = new Osc633Parser(nonce);
    this.ring = new OutputRing(options.ringBytes);
    this.input = new ShellInput(shell, (error) =>
      this.logger.debug(`Terminal ${this.id}: resize failed: ${String(error)}`),
    );
    this.batcher = new OutputBatcher((bytes) => this.send(bytes), {
      maxBytes: options.batchBytes,
      delayMs: options.batchMs,
    });
    this.flow = new OutputFlowController(shell.stream, options);
    this.recorder = new CommandRecorder(
      {
        started: (command) => hooks.onCommandStarted(this, command),
        finished: (command) => hooks.onCommandFinished(this, command),
      },
      () => hooks.now(),
      {
        headBytes: options.transcriptHeadBytes,
        tailBytes: options.transcriptTailBytes,
      },
    );
    shell.stream.on('data', (chunk: Buffer) => this.onOutput(chunk));
    shell.stream.on('error', (error: Error) =>
      this.logger.warn(`Terminal ${this.id}: exec stream failed: ${error.message}`),
    );
    shell.exited.then(
      (code) => this.onExit(code),
      () => this.onExit(-1),
    );
  }

  get hasEnded(): boolean {
    return this.exitCode !== null;
  }

  get isAttached(): boolean {
    return this.client !== null;
  }

  /** Neither ended nor being closed: a client may still attach and stay. */
  get isOpen(): boolean {
    return !this.closing && !this.hasEnded;
  }

  /** Counters for tests and the benchmark: flow control and what is held right now. */
  stats(): FlowStats & { unacked: number; batched: number; ringEnd: number } {
    return {
      ...this.flow.stats(),
      unacked: this.flow.unacked,
      batched: this.batcher.size,
      ringEnd: this.ring.end,
    };
  }

  /**
   * Attaches `client` and sends `ready`, then the output after `lastSeq` (0: all that is kept).
   * A client already attached is replaced.
   */
  attach(client: TerminalClient, lastSeq = 0): void {
    if (this.exitCode !== null) {
      client.control({ type: 'exit', code: this.exitCode });
      return client.end();
    }
    if (this.client && this.client !== client) {
      this.client.end(new TerminalError('REPLACED'));
    }
    clearTimeout(this.graceTimer);
    this.batcher.flush();
    const { from, bytes } = this.ring.since(lastSeq);
    this.flow.restartAt(from);
    this.client = client;
    client.control({ type: 'ready', terminalId: this.id, seq: from });
    if (from > lastSeq) {
      client.control({
        type: 'notice',
        message: `${from - lastSeq} Bytes der früheren Ausgabe sind nicht mehr gespeichert.`,
      });
    }
    if (bytes.length > 0) client.output(bytes);
  }

  /** The client went away; the shell waits `graceMs` for a reconnect. */
  detach(client: TerminalClient): void {
    if (this.client !== client) return;
    this.client = null;
    if (this.hasEnded) return;
    this.graceTimer = setTimeout(() => void this.close(), this.options.graceMs);
    this.graceTimer.unref();
  }

  write(chunk: Buffer): boolean {
    return this.input.write(chunk);
  }

  once(event: 'drain', listener: () => void): this {
    this.input.once(event, listener);
    return this;
  }

  resize(size: TerminalSize): void {
    this.input.resize(size);
  }

  ack(seq: number): void {
    this.flow.ack(seq);
  }

  /** Ends the shell; an attached client is told why first when `error` is given. */
  async close(error?: TerminalError): Promise<void> {
    if (error && this.client) {
      this.client.end(error);
      this.client = null;
    }
    clearTimeout(this.graceTimer);
    if (this.hasEnded) return;
    // Docker finishes an exec only once its output has been read: a paused stream would keep
    // the kill from completing. What the shell prints from here on is dropped.
    this.closing = true;
    this.shell.stream.resume();
    await this.shell.close().catch((e: unknown) => {
      this.logger.warn(`Terminal ${this.id}: closing the shell failed: ${String(e)}`);
    });
  }

  private onOutput(chunk: Buffer): void {
    if (this.closing) return;
    for (const item of this.parser.write(chunk)) {
      this.recorder.feed(item);
      if (item.type !== 'data') continue;
      this.flow.produced(item.bytes.length);
      this.batcher.push(item.bytes);
    }
  }

  private send(bytes: Buffer): void {
    this.ring.append(bytes);
    this.client?.output(bytes);
  }

  private onExit(code: number): void {
    if (this.hasEnded) return;
    this.exitCode = code;
    this.batcher.flush();
    clearTimeout(this.graceTimer);
    this.recorder.shellExited(code);
    if (this.client) {
      this.client.control({ type: 'exit', code });
      this.client.end();
      this.client = null;
    }
    this.hooks.onEnd(this);
    this.markDone();
  }
}
