import { clientControlMessage, helloMessage, parseControl } from './terminal-protocol.js';

const SESSION = '3f9a0c1d-0000-4000-8000-000000000001';

describe('terminal protocol', () => {
  describe('hello', () => {
    it('accepts a first hello, a reconnect and a resume', () => {
      expect(
        parseControl(
          helloMessage,
          JSON.stringify({ type: 'hello', token: 't', sessionId: SESSION }),
        ),
      ).toEqual({
        type: 'hello',
        token: 't',
        sessionId: SESSION,
      });
      const reconnect = {
        type: 'hello',
        token: 't',
        sessionId: SESSION,
        target: { node: 'worker2' },
        terminalId: SESSION,
        lastSeq: 1234,
      };
      expect(parseControl(helloMessage, JSON.stringify(reconnect))).toEqual(reconnect);
      const resume = { type: 'hello', token: 't', sessionId: SESSION, resume: true };
      expect(parseControl(helloMessage, JSON.stringify(resume))).toEqual(resume);
    });

    it.each([
      ['no token', { sessionId: SESSION }],
      ['a session id that is no UUID', { token: 't', sessionId: 'abc' }],
      [
        'a node name with a path in it',
        { token: 't', sessionId: SESSION, target: { node: '../x' } },
      ],
      ['a container id as target', { token: 't', sessionId: SESSION, target: { container: 'c1' } }],
      ['a negative lastSeq', { token: 't', sessionId: SESSION, lastSeq: -1 }],
      ['resume other than true', { token: 't', sessionId: SESSION, resume: 'ja' }],
      ['an unknown field', { token: 't', sessionId: SESSION, cmd: ['sh'] }],
      ['a token of 201 characters', { token: 'x'.repeat(201), sessionId: SESSION }],
    ])('refuses %s', (_case, fields) => {
      expect(parseControl(helloMessage, JSON.stringify({ type: 'hello', ...fields }))).toBeNull();
    });

    it('refuses text that is no JSON', () => {
      expect(parseControl(helloMessage, 'ls -la\r')).toBeNull();
    });
  });

  describe('control frames', () => {
    it.each([
      [{ type: 'resize', cols: 120, rows: 40 }],
      [{ type: 'ack', seq: 65536 }],
      [{ type: 'ping' }],
      [{ type: 'pong' }],
    ])('accepts %j', (message) => {
      expect(parseControl(clientControlMessage, JSON.stringify(message))).toEqual(message);
    });

    it.each([
      [{ type: 'resize', cols: 0, rows: 40 }],
      [{ type: 'resize', cols: 80.5, rows: 24 }],
      [{ type: 'resize', cols: 100_000, rows: 24 }],
      [{ type: 'ack', seq: '12' }],
      [{ type: 'exec', argv: ['id'] }],
      [{ type: 'hello', token: 't', sessionId: SESSION }],
    ])('refuses %j', (message) => {
      expect(parseControl(clientControlMessage, JSON.stringify(message))).toBeNull();
    });
  });
});
