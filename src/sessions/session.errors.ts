import { DomainError, type ErrorCatalog } from '../common/errors/domain-error.js';

/** Sessions' error codes: a session that is missing, not ready yet, ended, or busy. */
export const SESSION_ERRORS = {
  SESSION_NOT_FOUND: { status: 404, message: 'Diese Sitzung gibt es nicht.' },
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
  STEP_NOT_BEGUN: {
    status: 409,
    message: 'Dieser Schritt beginnt erst, wenn du den Schritt davor geschafft hast.',
  },
  CHECK_IN_PROGRESS: {
    status: 409,
    message: 'Dieser Schritt wird gerade schon geprüft. Einen Moment bitte.',
  },
} as const satisfies ErrorCatalog;

export class SessionError extends DomainError {
  constructor(code: keyof typeof SESSION_ERRORS, message?: string) {
    super(code, SESSION_ERRORS[code], message);
  }
}
