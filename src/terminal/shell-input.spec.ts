import { Duplex } from 'node:stream';
import type { ShellStream } from '../clusters/environment-handle.js';
import { ShellInput } from './shell-input.js';

function fakeShell() {
  const written: string[] = [];
  const stream = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      written.push(`input:${chunk.toString()}`);
      done();
    },
  });
  const resizes: (() => void)[] = [];
  const shell: ShellStream = {
    stream,
    resize: ({ cols, rows }) =>
      new Promise<void>((resolve) => {
        resizes.push(() => {
          written.push(`resize:${cols}x${rows}`);
          resolve();
        });
      }),
    exited: new Promise(() => undefined),
    close: () => Promise.resolve(),
  };
  return { shell, written, resizes };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe(ShellInput.name, () => {
  it('writes straight through when no resize is in flight', () => {
    const { shell, written } = fakeShell();
    const input = new ShellInput(shell, () => undefined);
    expect(input.write(Buffer.from('ls\r'))).toBe(true);
    expect(written).toEqual(['input:ls\r']);
  });

  it('holds keystrokes behind a resize until Docker has applied it', async () => {
    const { shell, written, resizes } = fakeShell();
    const input = new ShellInput(shell, () => undefined);
    const drained: string[] = [];
    input.resize({ cols: 120, rows: 40 });
    expect(input.write(Buffer.from('stty size\r'))).toBe(false);
    input.once('drain', () => drained.push('drain'));
    expect(written).toEqual([]);
    resizes[0]();
    await settle();
    expect(written).toEqual(['resize:120x40', 'input:stty size\r']);
    expect(drained).toEqual(['drain']);
  });

  it('releases the input after a failed resize too', async () => {
    const { shell, written } = fakeShell();
    const errors: unknown[] = [];
    shell.resize = () => Promise.reject(new Error('gone'));
    const input = new ShellInput(shell, (e) => errors.push(e));
    input.resize({ cols: 1, rows: 1 });
    input.write(Buffer.from('x'));
    await settle();
    expect(written).toEqual(['input:x']);
    expect(errors).toHaveLength(1);
  });
});
