import { AVAILABILITY_ERRORS } from '../../clusters/availability/availability.errors.js';
import { LAB_ERRORS, LabError } from '../../labs/lab.errors.js';
import { SESSION_ERRORS, SessionError } from '../../sessions/session.errors.js';
import { DomainError } from './domain-error.js';
import { ERROR_CATALOG } from './error-codes.js';
import { RequestError } from './request-error.js';

describe('error catalogues', () => {
  it('give every code to one module only', () => {
    const codes = [ERROR_CATALOG, LAB_ERRORS, SESSION_ERRORS, AVAILABILITY_ERRORS].flatMap((c) =>
      Object.keys(c),
    );
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('turn into domain errors with the status and message of their catalogue', () => {
    const errors = [
      new RequestError('FORBIDDEN'),
      new LabError('LAB_NOT_FOUND', 'Die Übung "x" gibt es nicht.'),
      new SessionError('SESSION_ENDED'),
    ];
    expect(errors.every((error) => error instanceof DomainError)).toBe(true);
    expect(errors.map(({ code, status, message }) => ({ code, status, message }))).toEqual([
      { code: 'FORBIDDEN', status: 403, message: 'Dafür fehlen dir die Rechte.' },
      { code: 'LAB_NOT_FOUND', status: 404, message: 'Die Übung "x" gibt es nicht.' },
      { code: 'SESSION_ENDED', status: 409, message: SESSION_ERRORS.SESSION_ENDED.message },
    ]);
  });
});
