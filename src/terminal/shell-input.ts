import type { ShellStream, TerminalSize } from '../clusters/environment-handle.js';
import type { WritableSink } from './flow-control.js';

/**
 * The way into the shell, in the order the client sent things: keystrokes that follow a resize
 * wait until Docker has applied it, so `stty size` typed right after a resize sees the new size.
 * While they wait, `write` returns false and `drain` comes once they are written (flow-control.ts).
 */
export class ShellInput implements WritableSink {
  private resizing = 0;
  private held: Buffer[] = [];
  private waiters: (() => void)[] = [];

  constructor(
    private readonly shell: ShellStream,
    private readonly onResizeError: (error: unknown) => void,
  ) {}

  write(chunk: Buffer): boolean {
    if (this.resizing === 0) return this.shell.stream.write(chunk);
    this.held.push(chunk);
    return false;
  }

  once(_event: 'drain', listener: () => void): this {
    if (this.resizing > 0) this.waiters.push(listener);
    else this.shell.stream.once('drain', listener);
    return this;
  }

  resize(size: TerminalSize): void {
    this.resizing++;
    this.shell
      .resize(size)
      .catch(this.onResizeError)
      .finally(() => {
        if (--this.resizing === 0) this.release();
      });
  }

  private release(): void {
    const held = this.held;
    const waiters = this.waiters;
    this.held = [];
    this.waiters = [];
    let flowing = true;
    for (const chunk of held) flowing = this.shell.stream.write(chunk);
    const wake = () => waiters.forEach((w) => w());
    if (flowing) wake();
    else this.shell.stream.once('drain', wake);
  }
}
