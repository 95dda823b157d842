import { CLOSE_CODES, FINAL_CLOSE_CODES } from './terminal-close-codes.js';

describe('terminal close codes', () => {
  it('tells the browser to stop reconnecting on refusals, not on timeouts or a busy server', () => {
    expect([...FINAL_CLOSE_CODES].sort()).toEqual([
      4400, 4401, 4403, 4404, 4409, 4410, 4422, 4429, 4500,
    ]);
    expect(FINAL_CLOSE_CODES.has(CLOSE_CODES.HEARTBEAT_TIMEOUT)).toBe(false);
    expect(FINAL_CLOSE_CODES.has(CLOSE_CODES.SERVER_BUSY)).toBe(false);
  });
});
