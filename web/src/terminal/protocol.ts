/**
 * The client's view of the `/ws/terminal` protocol (the server's is src/terminal/terminal-protocol.ts):
 * binary frames are terminal bytes; text frames are JSON control messages.
 */
export type ServerMessage =
  | { type: 'ready'; terminalId: string; seq: number }
  | { type: 'notice'; message: string }
  | { type: 'exit'; code: number }
  | { type: 'error'; code: string; message: string }
  | { type: 'ping' }
  | { type: 'pong' };

export interface Hello {
  type: 'hello';
  token: string;
  sessionId: string;
  target?: { node: string };
  terminalId?: string;
  lastSeq?: number;
}

export type ClientMessage =
  | Hello
  | { type: 'resize'; cols: number; rows: number }
  | { type: 'ack'; seq: number }
  | { type: 'ping' }
  | { type: 'pong' };

/** Refusals after which reconnecting cannot help (wrong token, not your session, …). */
export const FINAL_CLOSE_CODES = new Set([4400, 4401, 4403, 4404, 4409, 4410, 4422, 4429, 4500]);
export const TERMINAL_NOT_FOUND = 'TERMINAL_NOT_FOUND';
export const SESSION_ENDED = 'SESSION_ENDED';
export const REPLACED = 'REPLACED';
