import type { ErrorCatalog } from './domain-error.js';

/**
 * Common's error codes, their HTTP status and the German message a learner reads: failures of the
 * request itself, which any module may throw as `RequestError(code)`. Codes of one module live
 * beside it (`labs/lab.errors.ts`, `sessions/session.errors.ts`); the global filter turns any
 * `DomainError` into `{statusCode, code, message}`.
 */
export const ERROR_CATALOG = {
  BAD_REQUEST: { status: 400, message: 'Die Anfrage ist ungültig.' },
  MALFORMED_BODY: {
    status: 400,
    message: 'Der Inhalt der Anfrage ist kein gültiges JSON.',
  },
  VALIDATION_FAILED: { status: 400, message: 'Einige Angaben sind ungültig.' },
  UNAUTHENTICATED: {
    status: 401,
    message: 'Bitte melde dich an: Der Zugangsschlüssel fehlt oder ist ungültig.',
  },
  FORBIDDEN: { status: 403, message: 'Dafür fehlen dir die Rechte.' },
  NOT_FOUND: { status: 404, message: 'Diese Seite gibt es nicht.' },
  REQUEST_TIMEOUT: {
    status: 408,
    message: 'Die Anfrage kam zu langsam oder unvollständig an. Bitte versuche es noch einmal.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Die Anfrage ist zu groß.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: 'Bitte sende die Daten als JSON (Content-Type: application/json).',
  },
  RATE_LIMITED: {
    status: 429,
    message:
      'Das waren gerade zu viele Anfragen. Bitte warte einen Moment und versuche es dann erneut.',
  },
  TOO_MANY_CONNECTIONS: {
    status: 429,
    message:
      'Du hast zu viele offene Verbindungen zu kubelab (zum Beispiel viele Tabs). Schließe einige und lade die Seite neu.',
  },
  HEADERS_TOO_LARGE: { status: 431, message: 'Die Kopfzeilen der Anfrage sind zu groß.' },
  SERVER_BUSY: {
    status: 503,
    message:
      'Der Server hat gerade zu viele offene Verbindungen. Bitte versuche es gleich noch einmal.',
  },
  INTERNAL: {
    status: 500,
    message: 'Auf dem Server ist ein Fehler aufgetreten. Bitte versuche es gleich noch einmal.',
  },
} as const satisfies ErrorCatalog;

export type ErrorCode = keyof typeof ERROR_CATALOG;
