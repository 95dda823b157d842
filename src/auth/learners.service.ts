import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AppConfigService } from '../config/app-config.js';
import { newId } from '../common/ids.js';
import { LearnersRepository } from './learners.repository.js';
import type { Principal } from './principal.js';
import { hashToken, newToken } from './token.js';

export const INSTRUCTOR_ID = 'instructor';

@Injectable()
export class LearnersService implements OnModuleInit {
  constructor(
    private readonly learners: LearnersRepository,
    private readonly config: AppConfigService,
  ) {}

  async onModuleInit(): Promise<void> {
    const token = this.config.get('KUBELAB_INSTRUCTOR_TOKEN');
    if (token) await this.learners.upsertInstructor(INSTRUCTOR_ID, hashToken(token));
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
    return this.learners.findByTokenHash(hashToken(token));
  }
}
