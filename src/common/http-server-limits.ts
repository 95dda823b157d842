import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ERROR_CATALOG, type ErrorCode } from './errors/error-codes.js';

/** Node's errors for a request that could not be read, by their `code`. */
const CLIENT_ERROR_CODES: Record<string, ErrorCode> = {
  ERR_HTTP_REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  HPE_HEADER_OVERFLOW: 'HEADERS_TOO_LARGE',
};

/**
 * Slow and idle clients: a request must arrive whole within `requestTimeoutMs` (Node checks
 * its connections every `checkEveryMs`, so a cut comes up to that much later). Node would answer
 * such a client, and one that sends no HTTP at all, with a bare status line; here it gets the
 * app's JSON error shape with a German message, then the connection closes. A request that has
 * arrived is not timed here: a long check or an open event stream is not slow.
 */
export function applyHttpServerLimits(server: Server, requestTimeoutMs: number): void {
  server.requestTimeout = requestTimeoutMs;
  server.headersTimeout = requestTimeoutMs;
  // Nest creates the server without options; Node reads this field (the option of the same
  // name) when the server starts listening, so it must be set before `listen`.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval =
    Math.min(5000, Math.max(50, requestTimeoutMs / 4));
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const message = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || message?.headersSent) {
      socket.destroy();
      return;
    }
    socket.end(clientErrorResponse(CLIENT_ERROR_CODES[error.code ?? ''] ?? 'BAD_REQUEST'));
  });
}

/** A complete HTTP/1.1 response with `{statusCode, code, message}`, closing the connection. */
export function clientErrorResponse(code: ErrorCode): string {
  const { status, message } = ERROR_CATALOG[code];
  const body = JSON.stringify({ statusCode: status, code, message });
  return [
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};
