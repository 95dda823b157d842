import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard.js';
import { LearnersController } from './learners.controller.js';
import { LearnersRepository } from './learners.repository.js';
import { LearnersService } from './learners.service.js';

@Module({
  controllers: [LearnersController],
  providers: [LearnersRepository, LearnersService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [LearnersService],
})
export class AuthModule {}
