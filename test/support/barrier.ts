/**
 * Holds the first `parties` calls of `object[method]` after they have run until all of them
 * have, so requests fired together read the same state before any of them writes — the
 * interleaving a slower database or Docker gives under load, made certain instead of likely.
 * Later calls pass straight through. Returns a function that restores the method.
 */
export function holdCallsUntilAll<T extends object, K extends keyof T>(
  object: T,
  method: K,
  parties: number,
): () => void {
  const original = object[method] as unknown as (...args: unknown[]) => Promise<unknown>;
  const own = Object.prototype.hasOwnProperty.call(object, method);
  let arrived = 0;
  let release!: () => void;
  const together = new Promise<void>((resolve) => (release = resolve));
  const held = async function (this: unknown, ...args: unknown[]): Promise<unknown> {
    const result = await original.apply(this, args);
    if (arrived >= parties) return result;
    if (++arrived === parties) release();
    await together;
    return result;
  };
  object[method] = held as unknown as T[K];
  return () => {
    if (own) object[method] = original as unknown as T[K];
    else delete object[method];
  };
}
