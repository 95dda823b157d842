import WebSocket from 'ws';

export type ServerMessage = { type: string; [key: string]: unknown };

export interface TerminalClientOptions {
  origin?: string;
  /** Delay before acknowledging each output frame (a slow browser); 0 acks at once. */
  ackDelayMs?: number;
  /** Keep the output (off for tests that stream megabytes). */
  keepOutput?: boolean;
}

/**
 * A test client for `/ws/terminal` that speaks the protocol like the page does: counts output
 * bytes into a sequence number, acknowledges them and answers pings.
 */
export class TerminalTestClient {
  readonly controls: ServerMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly chunks: Buffer[] = [];
  /** Sequence number after the last byte received (set by `ready`). */
  seq = 0;
  bytesReceived = 0;
  private tail = Buffer.alloc(0);
  private waiters: (() => void)[] = [];

  private constructor(
    readonly socket: WebSocket,
    private readonly options: TerminalClientOptions,
  ) {
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.notify();
      }),
    );
    socket.on('message', (data: Buffer, isBinary) => {
      if (isBinary) this.onOutput(data);
      else this.onControl(JSON.parse(data.toString('utf8')) as ServerMessage);
      this.notify();
    });
  }

  static async connect(
    url: string,
    options: TerminalClientOptions = {},
  ): Promise<TerminalTestClient> {
    const socket = new WebSocket(url, options.origin ? { origin: options.origin } : {});
    const client = new TerminalTestClient(socket, { keepOutput: true, ...options });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return client;
  }

  hello(fields: Record<string, unknown>): void {
    this.socket.send(JSON.stringify({ type: 'hello', ...fields }));
  }

  /** Sends `hello` and waits for `ready`; returns the terminal id. */
  async open(fields: Record<string, unknown>): Promise<string> {
    this.hello(fields);
    const ready = await this.waitForControl('ready');
    return ready.terminalId as string;
  }

  type(text: string): void {
    this.socket.send(Buffer.from(text, 'utf8'), { binary: true });
  }

  control(message: Record<string, unknown>): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Everything received so far, as raw bytes. */
  output(): Buffer {
    return Buffer.concat(this.chunks);
  }

  text(): string {
    return this.output().toString('utf8');
  }

  async waitForText(pattern: RegExp | string, timeoutMs = 10_000): Promise<void> {
    const matches = () => {
      const text = this.options.keepOutput ? this.text() : this.tail.toString('utf8');
      return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
    };
    await this.waitUntil(matches, timeoutMs, () => `output matching ${String(pattern)}`);
  }

  async waitForControl(type: string, timeoutMs = 10_000): Promise<ServerMessage> {
    await this.waitUntil(
      () => this.controls.some((c) => c.type === type),
      timeoutMs,
      () => `a ${type} frame (got ${JSON.stringify(this.controls)})`,
    );
    return this.controls.find((c) => c.type === type)!;
  }

  close(): void {
    this.socket.close();
  }

  private onOutput(data: Buffer): void {
    this.bytesReceived += data.length;
    this.seq += data.length;
    if (this.options.keepOutput) this.chunks.push(data);
    else this.tail = Buffer.concat([this.tail, data]).subarray(-4096);
    const seq = this.seq;
    const ack = () => {
      if (this.socket.readyState === WebSocket.OPEN) this.control({ type: 'ack', seq });
    };
    if (this.options.ackDelayMs) setTimeout(ack, this.options.ackDelayMs);
    else ack();
  }

  private onControl(message: ServerMessage): void {
    this.controls.push(message);
    if (message.type === 'ready') this.seq = message.seq as number;
    if (message.type === 'ping') this.control({ type: 'pong' });
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }

  private async waitUntil(done: () => boolean, timeoutMs: number, what: () => string) {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Timed out waiting for ${what()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
