import { DomainError } from './domain-error.js';

/** 429 with the seconds the client should wait; the filter sends them as `Retry-After`. */
export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('RATE_LIMITED', message);
  }
}
