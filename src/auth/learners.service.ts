import { timingSafeEqual } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AppConfigService } from '../config/app-config.js';
import { newId } from '../common/ids.js';
import { RateLimiter } from '../common/rate-limit/rate-limiter.js';
import { LearnersRepository } from './learners.repository.js';
import type { Principal } from '../common/principal.js';
import { hashSecret, verifySecret } from './secret-hash.js';
import { hashToken, newToken } from './token.js';

export const INSTRUCTOR_ID = 'instructor';

/**
 * Each scrypt verification holds a libuv thread for a tenth of a second, so tokens that are
 * neither a learner's nor the remembered instructor's are tried against the instructor hash
 * at most this often; beyond it they are simply refused.
 */
const INSTRUCTOR_TRIES = { count: 10, perSeconds: 1 };

@Injectable()
export class LearnersService implements OnModuleInit {
  /** The instructor and the sha256 of their token, once scrypt confirmed it: no scrypt after. */
  private confirmedInstructor: { digest: Buffer; principal: Principal } | undefined;

  constructor(
    private readonly learners: LearnersRepository,
    private readonly config: AppConfigService,
    private readonly limiter: RateLimiter,
  ) {}

  /** The instructor row follows KUBELAB_INSTRUCTOR_TOKEN: set, changed or unset. */
  async onModuleInit(): Promise<void> {
    this.confirmedInstructor = undefined;
    const token = this.config.get('KUBELAB_INSTRUCTOR_TOKEN');
    if (token) await this.learners.upsertInstructor(INSTRUCTOR_ID, await hashSecret(token));
    else await this.learners.revokeInstructor(INSTRUCTOR_ID);
  }

  /** Creates a learner; the token is returned here and never again. */
  async register(name: string): Promise<Principal & { token: string }> {
    const token = newToken();
    const learner = await this.learners.create({
      id: newId(),
      name,
      role: 'learner',
      tokenHash: hashToken(token),
    });
    return { ...learner, token };
  }

  async authenticate(token: string): Promise<Principal | null> {
    const digest = hashToken(token);
    const learner = await this.learners.findByTokenHash(digest);
    if (learner?.role === 'learner') return learner;
    return this.instructorByToken(token, Buffer.from(digest, 'hex'));
  }

  private async instructorByToken(token: string, digest: Buffer): Promise<Principal | null> {
    const confirmed = this.confirmedInstructor;
    if (confirmed) return timingSafeEqual(digest, confirmed.digest) ? confirmed.principal : null;
    if (this.limiter.take('instructor-token-tries', INSTRUCTOR_TRIES, 'all') > 0) return null;
    const instructor = await this.learners.findInstructor(INSTRUCTOR_ID);
    if (!instructor || !(await verifySecret(token, instructor.tokenHash))) return null;
    this.confirmedInstructor = { digest, principal: instructor.principal };
    return instructor.principal;
  }
}
