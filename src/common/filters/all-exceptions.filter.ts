import { randomUUID } from 'node:crypto';
import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '../errors/domain-error.js';
import { ERROR_CATALOG, type ErrorCode } from '../errors/error-codes.js';
import { RateLimitedError } from '../errors/rate-limited.error.js';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  errorId?: string;
}

/** Status codes Nest or Express raise themselves, mapped onto our codes. */
const HTTP_STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** body-parser's error types (its errors carry `type` and `status`). */
const BODY_PARSER_CODES: Record<string, ErrorCode> = {
  'entity.parse.failed': 'MALFORMED_BODY',
  'entity.too.large': 'PAYLOAD_TOO_LARGE',
  'encoding.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'charset.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * Turns every error into `{statusCode, code, message}` with a German message.
 * Unexpected errors are logged with an id, and only that id leaves the server.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(error);
    if (response.headersSent) return;
    if (error instanceof RateLimitedError) {
      response.setHeader('Retry-After', String(error.retryAfterSeconds));
    }
    response.status(body.statusCode).json(body);
  }

  toBody(error: unknown): ErrorBody {
    if (error instanceof DomainError) {
      return {
        statusCode: error.status,
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      };
    }
    const bodyParserCode = bodyParserErrorCode(error);
    if (bodyParserCode) return fromCode(bodyParserCode);
    if (error instanceof HttpException && error.getStatus() < 500) {
      return fromCode(HTTP_STATUS_CODES[error.getStatus()] ?? 'BAD_REQUEST', error.getStatus());
    }
    const errorId = randomUUID();
    this.logger.error(`[${errorId}] ${describe(error)}`);
    return {
      ...fromCode('INTERNAL'),
      errorId,
      message: `${ERROR_CATALOG.INTERNAL.message} (Fehler-ID ${errorId})`,
    };
  }
}

function fromCode(code: ErrorCode, statusCode: number = ERROR_CATALOG[code].status): ErrorBody {
  return { statusCode, code, message: ERROR_CATALOG[code].message };
}

/** Nest wraps body-parser's errors in an HttpException and keeps the original as `cause`. */
function bodyParserErrorCode(error: unknown): ErrorCode | undefined {
  const original = error instanceof HttpException ? error.cause : error;
  if (typeof original !== 'object' || original === null || !('type' in original)) return undefined;
  const type = original.type;
  return typeof type === 'string' ? BODY_PARSER_CODES[type] : undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
