import type { NextFunction, Request, Response } from 'express';
import { RequestError } from '../errors/request-error.js';

/**
 * Every request body must be JSON. A browser sends form posts and text/plain to any site
 * without asking (no CORS preflight), so a page elsewhere could otherwise sign learners up or
 * change sessions; JSON needs a preflight, which a foreign origin does not pass.
 * Requests without a body (hints, finish, resume) are unaffected. The toolbox's `knoten` posts
 * form fields with curl; its route needs a header a foreign page cannot send (the toolbox's
 * bearer token), so no browser can be made to post there.
 */
export function jsonBodiesOnly(request: Request, _response: Response, next: NextFunction): void {
  // `is` answers null without a body and false for another type; it counts `Content-Length: 0`,
  // which browsers send with an empty POST, as a body.
  const empty = request.headers['content-length'] === '0';
  const toolbox =
    request.path === '/api/toolbox/knoten' && request.is('application/x-www-form-urlencoded');
  if (!empty && !toolbox && request.is('application/json') === false) {
    next(new RequestError('UNSUPPORTED_MEDIA_TYPE'));
    return;
  }
  next();
}
