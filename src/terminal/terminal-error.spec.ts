import { TerminalError, tooManyTerminals } from './terminal-error.js';

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

describe(tooManyTerminals.name, () => {
  it('names the limit the options set and closes with 4429', () => {
    const error = tooManyTerminals(6);
    expect(error.code).toBe('TOO_MANY_TERMINALS');
    expect(error.closeCode).toBe(4429);
    expect(error.message).toBe(
      'Du hast schon 6 Terminals offen. Schließe eines, um ein neues zu öffnen.',
    );
  });
});
