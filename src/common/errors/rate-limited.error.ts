import { RequestError } from './request-error.js';

/** 429 with the seconds the client should wait; the filter sends them as `Retry-After`. */
export class RateLimitedError extends RequestError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('RATE_LIMITED', message);
  }
}
