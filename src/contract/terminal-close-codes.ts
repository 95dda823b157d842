/**
 * WebSocket close codes of `/ws/terminal` refusals (4000–4999 are the application's range; the
 * messages are in terminal-protocol.ts). Free of zod, so the browser bundle imports them as values.
 */
export const CLOSE_CODES = {
  BAD_MESSAGE: 4400,
  UNAUTHENTICATED: 4401,
  FORBIDDEN_ORIGIN: 4403,
  SESSION_NOT_FOUND: 4404,
  TERMINAL_NOT_FOUND: 4404,
  HELLO_TIMEOUT: 4408,
  SESSION_NOT_READY: 4409,
  REPLACED: 4409,
  SESSION_ENDED: 4410,
  TARGET_NOT_ALLOWED: 4422,
  NODE_NOT_FOUND: 4422,
  NO_SAFE_SHELL: 4422,
  TOO_MANY_TERMINALS: 4429,
  RATE_LIMITED: 4429,
  TOO_MANY_CONNECTIONS: 4429,
  TOO_MANY_PENDING: 4429,
  SERVER_BUSY: 4503,
  HEARTBEAT_TIMEOUT: 4408,
  SHELL_FAILED: 4500,
} as const;

export type TerminalErrorCode = keyof typeof CLOSE_CODES;

/** Refusals worth another try later: a hello or heartbeat that timed out, a busy server. */
const RETRYABLE: readonly number[] = [
  CLOSE_CODES.HELLO_TIMEOUT,
  CLOSE_CODES.HEARTBEAT_TIMEOUT,
  CLOSE_CODES.SERVER_BUSY,
];

/** Refusals after which reconnecting cannot help (wrong token, not your session, …). */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set(
  Object.values(CLOSE_CODES).filter((code) => !RETRYABLE.includes(code)),
);
