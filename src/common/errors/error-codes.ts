/**
 * Stable error codes, their HTTP status and the German message a learner reads.
 * Services throw `DomainError(code)`; the global filter turns it into `{statusCode, code, message}`.
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
  LAB_NOT_FOUND: { status: 404, message: 'Diese Übung gibt es nicht.' },
  SESSION_NOT_FOUND: { status: 404, message: 'Diese Sitzung gibt es nicht.' },
  STEP_NOT_FOUND: { status: 404, message: 'Diesen Schritt gibt es in der Übung nicht.' },
  SESSION_NOT_READY: {
    status: 409,
    message:
      'Deine Umgebung ist noch nicht bereit. Warte, bis sie fertig ist, und prüfe dann erneut.',
  },
  SESSION_ENDED: {
    status: 409,
    message: 'Diese Sitzung ist beendet. Starte die Übung neu, um weiterzuarbeiten.',
  },
  LAB_SESSION_LIVE: {
    status: 409,
    message:
      'Du hast diese Übung schon in einer anderen Sitzung offen. Mach dort weiter oder beende sie zuerst.',
  },
  CHECK_IN_PROGRESS: {
    status: 409,
    message: 'Dieser Schritt wird gerade schon geprüft. Einen Moment bitte.',
  },
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
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;
