import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ZodValidationPipe } from '../common/pipes/zod-validation.pipe.js';
import { SIGN_UPS, SIGN_UPS_PER_ADDRESS } from '../common/rate-limit/rate-limit-rules.js';
import { RateLimit } from '../common/rate-limit/rate-limit.guard.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import { createLearnerBody, type CreateLearnerBody } from './dto/create-learner.body.js';
import { LearnersService } from './learners.service.js';
import type { Principal } from '../common/principal.js';
import { Public } from '../common/decorators/public.decorator.js';

@Controller('api/learners')
export class LearnersController {
  constructor(private readonly learners: LearnersService) {}

  /** The answer carries the token; it is shown once and stored only hashed. */
  @Public()
  @Post()
  @HttpCode(201)
  @RateLimit(SIGN_UPS_PER_ADDRESS, SIGN_UPS)
  register(@Body(new ZodValidationPipe(createLearnerBody)) body: CreateLearnerBody) {
    return this.learners.register(body.name);
  }

  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}
