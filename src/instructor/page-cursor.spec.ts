import { decodeCursor, encodeCursor, pageOf } from './page-cursor.js';

const ID = '0b7e8a52-3c1d-4e5f-9a6b-7c8d9e0f1a2b';

describe('page cursors', () => {
  it('round-trips a position with and without seq', () => {
    const at = new Date('2026-11-30T10:00:00.123Z');
    expect(decodeCursor(encodeCursor({ at, id: ID }))).toEqual({ at, id: ID });
    expect(decodeCursor(encodeCursor({ at, seq: 7, id: ID }))).toEqual({ at, seq: 7, id: ID });
  });

  it('gives a next cursor only when more rows than the limit were read', () => {
    const rows = [1, 2, 3].map((n) => ({ n, at: new Date(n * 1000), id: ID }));
    expect(pageOf(rows, 3, 3, (r) => r)).toEqual({ items: rows, total: 3, next: null });
    expect(pageOf(rows, 2, 3, (r) => r)).toEqual({
      items: rows.slice(0, 2),
      total: 3,
      next: `2000-${ID}`,
    });
  });
});
