import { ERROR_CATALOG, type ErrorCode } from './error-codes.js';

export interface ErrorDetail {
  path: string;
  message: string;
}

/** An expected failure with a stable code; its message is German and safe to show a learner. */
export class DomainError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message ?? ERROR_CATALOG[code].message);
    this.name = 'DomainError';
    this.status = ERROR_CATALOG[code].status;
  }
}
