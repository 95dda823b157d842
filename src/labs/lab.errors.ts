import { DomainError, type ErrorCatalog } from '../common/errors/domain-error.js';

/** The lab catalog's error codes: a lab or step the request names does not exist. */
export const LAB_ERRORS = {
  LAB_NOT_FOUND: { status: 404, message: 'Diese Übung gibt es nicht.' },
  STEP_NOT_FOUND: { status: 404, message: 'Diesen Schritt gibt es in der Übung nicht.' },
} as const satisfies ErrorCatalog;

export class LabError extends DomainError {
  constructor(code: keyof typeof LAB_ERRORS, message?: string) {
    super(code, LAB_ERRORS[code], message);
  }
}
