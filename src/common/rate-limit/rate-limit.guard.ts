import {
  applyDecorators,
  Injectable,
  SetMetadata,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppConfigService } from '../../config/app-config.js';
import { RateLimitedError } from '../errors/rate-limited.error.js';
import type { RateLimitedRequest, RateLimitRule } from './rate-limit-rules.js';
import { RateLimiter } from './rate-limiter.js';

const RATE_LIMIT_RULES = 'kubelab:rate-limit-rules';

/**
 * Refuses a request with 429 and `Retry-After` when one of the route's limits is used up.
 * A route guard, so it runs after the global AuthGuard and can count per learner.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfigService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const rules = this.reflector.get<RateLimitRule[] | undefined>(
      RATE_LIMIT_RULES,
      context.getHandler(),
    );
    const request = context.switchToHttp().getRequest<RateLimitedRequest>();
    for (const rule of rules ?? []) {
      const waitMs = this.limiter.take(rule.name, this.config.get(rule.setting), rule.key(request));
      if (waitMs > 0) {
        const seconds = Math.max(1, Math.ceil(waitMs / 1000));
        throw new RateLimitedError(rule.message(waitDe(seconds)), seconds);
      }
    }
    return true;
  }
}

/** Counts the route against each rule, in order; the first one used up refuses. */
export const RateLimit = (...rules: RateLimitRule[]) =>
  applyDecorators(SetMetadata(RATE_LIMIT_RULES, rules), UseGuards(RateLimitGuard));

export function waitDe(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 Sekunde' : `${seconds} Sekunden`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 Minute' : `${minutes} Minuten`;
}
