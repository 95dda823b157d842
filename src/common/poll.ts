/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface PollOptions {
  /** Pause between two reads; there is none after the last. */
  intervalMs: number;
  /** At most this many reads. */
  attempts?: number;
  /** Or: no read is started once `now()` has reached `deadline`. */
  deadline?: Date;
  now?: () => Date;
}

/**
 * Reads until `done(value)` holds, the attempts are used up or the deadline has passed, and
 * returns the last value read; the caller decides what a value that is not done means.
 */
export async function poll<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { intervalMs, attempts = Infinity, deadline, now = () => new Date() }: PollOptions,
): Promise<T> {
  let value = await read();
  for (let made = 1; !done(value) && made < attempts; made++) {
    if (deadline && now() >= deadline) break;
    await sleep(intervalMs);
    value = await read();
  }
  return value;
}
