import { DomainError, type ErrorCatalog } from '../../common/errors/domain-error.js';

/** A lab this server cannot run now; the message is the learner's reason. */
export const AVAILABILITY_ERRORS = {
  LAB_UNAVAILABLE: {
    status: 409,
    message: 'Diese Übung ist auf diesem Server gerade nicht verfügbar.',
  },
} as const satisfies ErrorCatalog;

export class AvailabilityError extends DomainError {
  constructor(code: keyof typeof AVAILABILITY_ERRORS, message?: string) {
    super(code, AVAILABILITY_ERRORS[code], message);
  }
}
