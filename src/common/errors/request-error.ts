import { DomainError, type ErrorDetail } from './domain-error.js';
import { ERROR_CATALOG, type ErrorCode } from './error-codes.js';

/** A failure of the request itself (who asks, what it sends, how often), with a code of common's. */
export class RequestError extends DomainError {
  constructor(code: ErrorCode, message?: string, details?: ErrorDetail[]) {
    super(code, ERROR_CATALOG[code], message, details);
  }
}
