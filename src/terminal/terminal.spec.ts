import { Duplex } from 'node:stream';
import { jest } from '@jest/globals';
import type { ShellStream } from '../clusters/environment-handle.js';
import type { FinishedCommand } from './command-recorder.js';
import { Terminal, type TerminalClient } from './terminal.js';
import { TerminalError } from './terminal-error.js';
import { DEFAULT_TERMINAL_OPTIONS, type TerminalOptions } from './terminal-options.js';
import type { ServerControlMessage } from '../contract/terminal-protocol.js';

class FakeTty extends Duplex {
  readonly input: Buffer[] = [];
  override _read(): void {}
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.input.push(chunk);
    done();
  }
}

class FakeShell implements ShellStream {
  readonly stream = new FakeTty();
  closed = 0;
  private exit!: (code: number) => void;
  readonly exited = new Promise<number>((resolve) => (this.exit = resolve));
  resize(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    this.closed++;
    this.exit(137);
    return Promise.resolve();
  }
  print(text: string | Buffer): void {
    this.stream.push(typeof text === 'string' ? Buffer.from(text) : text);
  }
  end(code: number): void {
    this.exit(code);
  }
}

class FakeClient implements TerminalClient {
  readonly frames: Buffer[] = [];
  readonly controls: ServerControlMessage[] = [];
  ended?: TerminalError | 'normal';
  output(bytes: Buffer): void {
    this.frames.push(Buffer.from(bytes));
  }
  control(message: ServerControlMessage): void {
    this.controls.push(message);
  }
  end(error?: TerminalError): void {
    this.ended = error ?? 'normal';
  }
  text(): string {
    return Buffer.concat(this.frames).toString('utf8');
  }
}

const NONCE = 'c0ffee';
/** A marker as the prompt hook signs it. */
const mark = (payload: string) => `\x1b]633;${payload};${NONCE}\x07`;

const OPTIONS: TerminalOptions = {
  ...DEFAULT_TERMINAL_OPTIONS,
  graceMs: 1000,
  ringBytes: 64,
  highWatermark: 32,
  lowWatermark: 8,
  batchBytes: 16,
  batchMs: 5,
};

describe(Terminal.name, () => {
  let shell: FakeShell;
  let terminal: Terminal;
  let finished: FinishedCommand[];
  let ended: Terminal[];

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    shell = new FakeShell();
    finished = [];
    ended = [];
    terminal = new Terminal('s1', 'node-1', shell, NONCE, OPTIONS, {
      onCommandStarted: () => undefined,
      onCommandFinished: (_t, c) => finished.push(c),
      onEnd: (t) => ended.push(t),
      now: () => new Date(0),
    });
  });
  afterEach(() => jest.useRealTimers());

  /** Lets the fake TTY deliver what the shell printed. */
  const delivered = () => new Promise((resolve) => setImmediate(resolve));
  const flush = async () => {
    await delivered();
    await delivered();
    await jest.advanceTimersByTimeAsync(OPTIONS.batchMs);
  };

  it('sends the output without markers and reports the commands', async () => {
    const client = new FakeClient();
    terminal.attach(client);
    expect(client.controls).toEqual([{ type: 'ready', terminalId: terminal.id, seq: 0 }]);
    shell.print(`${mark('E;ls')}${mark('C')}a`);
    shell.print(`b${mark('D;0')}`);
    await flush();
    expect(client.frames.map(String)).toEqual(['ab']);
    expect(finished).toMatchObject([{ command: 'ls', exitCode: 0, output: 'ab' }]);
  });

  it('records no command from markers a program prints without the nonce', async () => {
    const client = new FakeClient();
    terminal.attach(client);
    // Short: more than OPTIONS.highWatermark unacknowledged would pause the shell.
    const forged = '\x1b]633;E;ls\x07\x1b]633;C\x07';
    shell.print(`${mark('E;printf x')}${mark('C')}${forged}`);
    shell.print(mark('D;0'));
    await flush();
    expect(finished).toMatchObject([{ command: 'printf x', exitCode: 0 }]);
    expect(client.text()).toBe(forged);
  });

  it('replays exactly what a reconnecting client has not seen', async () => {
    const first = new FakeClient();
    terminal.attach(first);
    shell.print('eins ');
    await flush();
    terminal.detach(first);
    shell.print('zwei');
    await flush();
    const second = new FakeClient();
    terminal.attach(second, 5);
    expect(second.controls).toEqual([{ type: 'ready', terminalId: terminal.id, seq: 5 }]);
    expect(second.text()).toBe('zwei');
  });

  it('says how much output was lost when it fell out of the buffer', async () => {
    const client = new FakeClient();
    terminal.attach(client);
    for (let i = 0; i < 10; i++) {
      shell.print('0123456789');
      await flush();
      terminal.ack((i + 1) * 10);
    }
    const late = new FakeClient();
    terminal.attach(late, 0);
    expect(late.controls).toEqual([
      { type: 'ready', terminalId: terminal.id, seq: 36 },
      { type: 'notice', message: '36 Bytes der früheren Ausgabe sind nicht mehr gespeichert.' },
    ]);
    expect(late.text()).toHaveLength(64);
    expect(client.ended).toMatchObject({ code: 'REPLACED' });
  });

  it('pauses the shell while nobody acknowledges and resumes on reattach', async () => {
    terminal.attach(new FakeClient());
    shell.print('x'.repeat(40));
    await flush();
    expect(shell.stream.isPaused()).toBe(true);
    terminal.attach(new FakeClient(), 40);
    expect(shell.stream.isPaused()).toBe(false);
    expect(terminal.stats()).toMatchObject({ pauses: 1, resumes: 1, peakUnacked: 40 });
  });

  it('closes the shell when nobody reattaches within the grace period', async () => {
    const client = new FakeClient();
    terminal.attach(client);
    terminal.detach(client);
    await jest.advanceTimersByTimeAsync(OPTIONS.graceMs - 1);
    expect(shell.closed).toBe(0);
    terminal.attach(client, 0);
    terminal.detach(client);
    await jest.advanceTimersByTimeAsync(OPTIONS.graceMs);
    expect(shell.closed).toBe(1);
    await terminal.done;
    expect(ended).toEqual([terminal]);
  });

  it('reports the exit code and ends the client normally', async () => {
    const client = new FakeClient();
    terminal.attach(client);
    shell.print(`${mark('E;exit 3')}${mark('C')}tschüss`);
    await delivered();
    shell.end(3);
    await terminal.done;
    expect(client.text()).toBe('tschüss');
    expect(client.controls.at(-1)).toEqual({ type: 'exit', code: 3 });
    expect(client.ended).toBe('normal');
    expect(finished).toMatchObject([{ command: 'exit 3', exitCode: 3 }]);
    const late = new FakeClient();
    terminal.attach(late);
    expect(late.controls).toEqual([{ type: 'exit', code: 3 }]);
    expect(late.ended).toBe('normal');
  });

  it('tells an attached client why it closes the shell', async () => {
    const client = new FakeClient();
    terminal.attach(client);
    await terminal.close(new TerminalError('SESSION_ENDED'));
    expect(client.ended).toMatchObject({ code: 'SESSION_ENDED', closeCode: 4410 });
    expect(shell.closed).toBe(1);
  });
});
