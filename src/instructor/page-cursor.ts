/**
 * Keyset paging, newest first: a page ends at an item, and the next page starts after it in
 * the order (time desc, then a tie-break). New items arriving at the top never shift or repeat
 * what an instructor has loaded already, as an offset would.
 */
export interface Page<T> {
  items: T[];
  /** All items, on every page. */
  total: number;
  /** Cursor for the next (older) page; null on the last one. */
  next: string | null;
}

/** Where a page starts: strictly older than this position. */
export interface Position {
  at: Date;
  /** Transcript only: the command's number in its terminal. */
  seq?: number;
  id: string;
}

export function encodeCursor(position: Position): string {
  const seq = position.seq === undefined ? '' : `${position.seq}-`;
  return `${position.at.getTime()}-${seq}${position.id}`;
}

/** The inverse of `encodeCursor`; the query schema has checked the form already. */
export function decodeCursor(cursor: string): Position {
  const match = /^(\d+)-(?:(\d+)-)?([0-9a-f-]{36})$/.exec(cursor);
  if (!match) throw new Error(`Not a page cursor: ${cursor}`);
  return {
    at: new Date(Number(match[1])),
    ...(match[2] === undefined ? {} : { seq: Number(match[2]) }),
    id: match[3],
  };
}

/** Cuts `rows` (read with one row more than `limit`) into items and the next cursor. */
export function pageOf<T>(
  rows: T[],
  limit: number,
  total: number,
  positionOf: (row: T) => Position,
): Page<T> {
  const items = rows.slice(0, limit);
  const more = rows.length > limit && items.length > 0;
  return { items, total, next: more ? encodeCursor(positionOf(items.at(-1)!)) : null };
}
