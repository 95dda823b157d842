import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Res,
  Sse,
  SseSignal,
} from '@nestjs/common';
import type { Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../common/principal.js';
import { ZodValidationPipe } from '../common/pipes/zod-validation.pipe.js';
import { SESSION_STARTS, STEP_CHECKS } from '../common/rate-limit/rate-limit-rules.js';
import { RateLimit } from '../common/rate-limit/rate-limit.guard.js';
import {
  checkStepBody,
  sessionIdParam,
  startSessionBody,
  stepIdParam,
  updateSessionBody,
  type CheckStepBody,
  type StartSessionBody,
  type UpdateSessionBody,
} from './dto/session.dto.js';
import { SessionsService } from './sessions.service.js';

const SessionId = () => Param('id', new ZodValidationPipe(sessionIdParam));
const StepId = () => Param('stepId', new ZodValidationPipe(stepIdParam));

@Controller('api/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  /** 201 with a new session, or 200 with the learner's live session of that lab. */
  @Post()
  @RateLimit(SESSION_STARTS)
  async start(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(startSessionBody)) body: StartSessionBody,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { created, session } = await this.sessions.start(principal, body.labId);
    response.status(created ? 201 : 200);
    return session;
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal) {
    return this.sessions.list(principal);
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @SessionId() id: string) {
    return this.sessions.get(principal, id);
  }

  /** Progress while the environment is made, as server-sent events (read with fetch: it needs the bearer header). */
  @Sse(':id/events')
  events(
    @CurrentPrincipal() principal: Principal,
    @SessionId() id: string,
    @SseSignal() signal: AbortSignal,
  ) {
    return this.sessions.events(principal, id, signal);
  }

  /** Steps the background check saw done (labs with `autoCheck: true`), as server-sent events. */
  @Sse(':id/auto-check')
  autoCheck(
    @CurrentPrincipal() principal: Principal,
    @SessionId() id: string,
    @SseSignal() signal: AbortSignal,
  ) {
    return this.sessions.autoCheckEvents(principal, id, signal);
  }

  @Patch(':id')
  update(
    @CurrentPrincipal() principal: Principal,
    @SessionId() id: string,
    @Body(new ZodValidationPipe(updateSessionBody)) body: UpdateSessionBody,
  ) {
    return this.sessions.setCurrentStep(principal, id, body.currentStep);
  }

  @Post(':id/steps/:stepId/check')
  @HttpCode(200)
  @RateLimit(STEP_CHECKS)
  check(
    @CurrentPrincipal() principal: Principal,
    @SessionId() id: string,
    @StepId() stepId: string,
    @Body(new ZodValidationPipe(checkStepBody)) body: CheckStepBody,
  ) {
    return this.sessions.check(principal, id, stepId, body.answers);
  }

  /** Revealed hints and the newest verdict of a step, for a page that was reloaded. */
  @Get(':id/steps/:stepId')
  stepState(
    @CurrentPrincipal() principal: Principal,
    @SessionId() id: string,
    @StepId() stepId: string,
  ) {
    return this.sessions.stepState(principal, id, stepId);
  }

  @Post(':id/steps/:stepId/hints')
  @HttpCode(200)
  nextHint(
    @CurrentPrincipal() principal: Principal,
    @SessionId() id: string,
    @StepId() stepId: string,
  ) {
    return this.sessions.nextHint(principal, id, stepId);
  }

  /** A fresh environment, so it counts like a start. */
  @Post(':id/resume')
  @HttpCode(200)
  @RateLimit(SESSION_STARTS)
  resume(@CurrentPrincipal() principal: Principal, @SessionId() id: string) {
    return this.sessions.resume(principal, id);
  }

  @Post(':id/finish')
  @HttpCode(200)
  finish(@CurrentPrincipal() principal: Principal, @SessionId() id: string) {
    return this.sessions.finish(principal, id);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @SessionId() id: string): Promise<void> {
    await this.sessions.remove(principal, id);
  }
}
