import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { RequestError } from '../common/errors/request-error.js';
import { INSTRUCTOR_ONLY } from './instructor-only.decorator.js';
import { LearnersService } from './learners.service.js';
import type { Principal } from '../common/principal.js';
import { IS_PUBLIC } from '../common/decorators/public.decorator.js';

/**
 * Resolves `Authorization: Bearer <token>` to a principal: required on every non-public route;
 * on a public one a valid token still sets it (e.g. `/readyz` shows the instructor more).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly learners: LearnersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const token = bearerToken(request.headers.authorization);
    const principal = token ? await this.learners.authenticate(token) : null;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      if (principal) request.principal = principal;
      return true;
    }
    if (!principal) throw new RequestError('UNAUTHENTICATED');
    if (
      this.reflector.getAllAndOverride<boolean>(INSTRUCTOR_ONLY, targets) &&
      principal.role !== 'instructor'
    ) {
      throw new RequestError('FORBIDDEN', 'Dieser Bereich ist der Kursleitung vorbehalten.');
    }
    request.principal = principal;
    return true;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S{1,200})$/i.exec(header ?? '');
  return match?.[1];
}
