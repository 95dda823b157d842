import { TerminalError } from './terminal-error.js';

describe(TerminalError.name, () => {
  it('gives its German message as close reason, cut to the 123 bytes a close frame holds', () => {
    expect(new TerminalError('SERVER_BUSY').closeReason).toBe(
      new TerminalError('SERVER_BUSY').message,
    );
    const long = new TerminalError(
      'NODE_NOT_FOUND',
      `Den Knoten „${'ä'.repeat(100)}“ gibt es nicht.`,
    );
    const reason = long.closeReason;
    expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(123);
    expect(reason).toMatch(/^Den Knoten „ä+…$/);
  });
});
