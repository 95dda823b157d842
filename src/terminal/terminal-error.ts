import { ERROR_CATALOG } from '../common/errors/error-codes.js';
import { SESSION_ERRORS } from '../sessions/session.errors.js';
import { CLOSE_CODES, type TerminalErrorCode } from '../contract/terminal-close-codes.js';

/** Codes whose message depends on a limit; their errors come from the functions below. */
type LimitCode = 'TOO_MANY_TERMINALS';

/** The terminal's own messages; where an HTTP code means the same, its message is reused. */
const MESSAGES: Record<Exclude<TerminalErrorCode, LimitCode>, string> = {
  BAD_MESSAGE: 'Das Terminal hat eine ungültige Nachricht erhalten.',
  UNAUTHENTICATED: ERROR_CATALOG.UNAUTHENTICATED.message,
  FORBIDDEN_ORIGIN: 'Das Terminal lässt sich nur von der kubelab-Seite aus öffnen.',
  SESSION_NOT_FOUND: SESSION_ERRORS.SESSION_NOT_FOUND.message,
  TERMINAL_NOT_FOUND: 'Dieses Terminal gibt es nicht mehr. Öffne ein neues.',
  HELLO_TIMEOUT: 'Das Terminal hat sich nicht rechtzeitig angemeldet.',
  SESSION_NOT_READY: 'Deine Umgebung ist noch nicht bereit. Warte, bis sie fertig ist.',
  REPLACED: 'Dieses Terminal wurde in einem anderen Fenster geöffnet.',
  SESSION_ENDED: SESSION_ERRORS.SESSION_ENDED.message,
  TARGET_NOT_ALLOWED: 'Auf diesem Server kannst du keine Shell auf einem Knoten öffnen.',
  NODE_NOT_FOUND: 'Diesen Knoten gibt es in deinem Cluster nicht.',
  NO_SAFE_SHELL:
    'Für diese Übung gibt es auf diesem Server noch kein Terminal: Eine Shell auf den Knoten würde Zugriff auf den ganzen Server geben. Frag deine Kursleitung.',
  RATE_LIMITED: 'Das Terminal hat zu viele Nachrichten in kurzer Zeit erhalten.',
  TOO_MANY_CONNECTIONS:
    'Du hast zu viele Terminal-Verbindungen offen (zum Beispiel in vielen Tabs). Schließe einige.',
  TOO_MANY_PENDING:
    'Von deinem Netz aus werden gerade sehr viele Terminals auf einmal geöffnet. Bitte versuche es gleich noch einmal.',
  SERVER_BUSY:
    'Der Server hat gerade zu viele Terminals offen. Bitte versuche es gleich noch einmal.',
  HEARTBEAT_TIMEOUT: 'Die Verbindung zum Terminal antwortet nicht mehr.',
  SHELL_FAILED: 'Das Terminal konnte nicht geöffnet werden. Bitte versuche es gleich noch einmal.',
};

/** A WebSocket close reason may hold at most 123 bytes of UTF-8. */
const MAX_CLOSE_REASON_BYTES = 123;

/**
 * A refusal the gateway sends as `{type:'error'}` before closing with `closeCode` and the
 * German message as close reason (cut to what fits), for clients that read only the close.
 */
export class TerminalError extends Error {
  readonly closeCode: number;

  constructor(code: Exclude<TerminalErrorCode, LimitCode>, message?: string);
  constructor(code: LimitCode, message: string);
  constructor(
    readonly code: TerminalErrorCode,
    message?: string,
  ) {
    super(message ?? MESSAGES[code as Exclude<TerminalErrorCode, LimitCode>]);
    this.name = 'TerminalError';
    this.closeCode = CLOSE_CODES[code];
  }

  get closeReason(): string {
    let reason = this.message;
    while (Buffer.byteLength(reason) > MAX_CLOSE_REASON_BYTES) {
      reason = `${[...reason].slice(0, -2).join('')}…`;
    }
    return reason;
  }
}

/** The session already has `limit` terminals open (TerminalOptions.maxTerminalsPerSession). */
export function tooManyTerminals(limit: number): TerminalError {
  return new TerminalError(
    'TOO_MANY_TERMINALS',
    `Du hast schon ${limit} Terminals offen. Schließe eines, um ein neues zu öffnen.`,
  );
}
