import WebSocket from 'ws';

/** A byte pipe into a shell: kubelab's WebSocket or a direct Docker exec stream. */
export interface ShellPipe {
  send(bytes: Buffer): void;
  /** Returns a function that stops listening. */
  onOutput(listener: (bytes: Buffer) => void): () => void;
  close(): void;
}

/**
 * A minimal `/ws/terminal` client for the benchmark: hello, binary in and out, an ack for every
 * frame at once (a browser that keeps up), pong on ping.
 */
export async function openKubelabPipe(
  url: string,
  hello: { token: string; sessionId: string },
): Promise<ShellPipe> {
  const socket = new WebSocket(url);
  const listeners = new Set<(bytes: Buffer) => void>();
  let seq = 0;
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => socket.send(JSON.stringify({ type: 'hello', ...hello })));
    socket.once('error', reject);
    socket.on('message', (data: Buffer, isBinary) => {
      if (!isBinary) {
        const message = JSON.parse(data.toString()) as { type: string; seq?: number };
        if (message.type === 'ready') {
          seq = message.seq ?? 0;
          resolve();
        } else if (message.type === 'ping') socket.send('{"type":"pong"}');
        else if (message.type === 'error') reject(new Error(data.toString()));
        return;
      }
      seq += data.length;
      socket.send(JSON.stringify({ type: 'ack', seq }));
      for (const listener of listeners) listener(data);
    });
  });
  return {
    send: (bytes) => socket.send(bytes, { binary: true }),
    onOutput: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => socket.close(),
  };
}

/** Resolves with the time from sending `input` until output containing `expected` arrived. */
export function roundTrip(pipe: ShellPipe, input: string, expected: string): Promise<number> {
  return new Promise((resolve) => {
    let seen = '';
    const off = pipe.onOutput((bytes) => {
      seen += bytes.toString('latin1');
      if (!seen.includes(expected)) return;
      off();
      resolve(performance.now() - started);
    });
    const started = performance.now();
    pipe.send(Buffer.from(input));
  });
}

/** Runs `command`, which must print `marker` at its end; resolves with bytes received and ms. */
export function stream(
  pipe: ShellPipe,
  command: string,
  marker: string,
): Promise<{ bytes: number; ms: number }> {
  return new Promise((resolve) => {
    let bytes = 0;
    let tail = '';
    const off = pipe.onOutput((chunk) => {
      bytes += chunk.length;
      tail = (tail + chunk.toString('latin1')).slice(-256);
      if (!tail.includes(marker)) return;
      off();
      resolve({ bytes, ms: performance.now() - started });
    });
    const started = performance.now();
    pipe.send(Buffer.from(command));
  });
}
