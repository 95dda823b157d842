export interface ErrorDetail {
  path: string;
  message: string;
}

/** What a code means: its HTTP status and the German message a learner reads. */
export interface ErrorEntry {
  status: number;
  message: string;
}

export type ErrorCatalog = Record<string, ErrorEntry>;

/**
 * An expected failure with a stable code; its message is German and safe to show a learner.
 * Each module keeps its codes in its own catalogue and throws its own subclass: common's in
 * `error-codes.ts` (`RequestError`), the lab catalog's in `labs/lab.errors.ts`, sessions' in
 * `sessions/session.errors.ts`. The global filter needs only this base class.
 */
export class DomainError extends Error {
  readonly status: number;

  constructor(
    readonly code: string,
    entry: ErrorEntry,
    message?: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message ?? entry.message);
    this.name = new.target.name;
    this.status = entry.status;
  }
}
