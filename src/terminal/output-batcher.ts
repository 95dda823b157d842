/**
 * Gathers terminal output into frames. Small output (a keystroke's echo, a prompt) goes out on
 * the next turn of the event loop, never held back. Once a large frame has gone out, output is
 * streaming: the next frame waits until `delayMs` after it, or until `maxBytes` have gathered.
 * Fewer, larger frames are what lets `cat` of a big file reach the browser at full speed.
 */
const SMALL_FRAME = 1024;

export class OutputBatcher {
  private parts: Buffer[] = [];
  private gathered = 0;
  private cancel?: () => void;
  private lastFlush = -Infinity;
  private lastFrame = 0;

  constructor(
    private readonly send: (bytes: Buffer) => void,
    private readonly options: { maxBytes: number; delayMs: number },
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Bytes waiting to be sent. */
  get size(): number {
    return this.gathered;
  }

  push(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.parts.push(bytes);
    this.gathered += bytes.length;
    if (this.gathered >= this.options.maxBytes) return this.flush();
    if (this.cancel) return;
    const streaming = this.lastFrame >= SMALL_FRAME;
    const wait = streaming ? this.lastFlush + this.options.delayMs - this.now() : 0;
    if (wait > 0) {
      const timer = setTimeout(() => this.flush(), wait);
      this.cancel = () => clearTimeout(timer);
    } else {
      const immediate = setImmediate(() => this.flush());
      this.cancel = () => clearImmediate(immediate);
    }
  }

  /** Sends what has gathered now. */
  flush(): void {
    this.cancel?.();
    this.cancel = undefined;
    if (this.gathered === 0) return;
    const bytes = Buffer.concat(this.parts, this.gathered);
    this.parts = [];
    this.gathered = 0;
    this.lastFlush = this.now();
    this.lastFrame = bytes.length;
    this.send(bytes);
  }
}
