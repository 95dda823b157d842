import { Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { InstructorOnly } from '../auth/instructor-only.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ZodValidationPipe } from '../common/pipes/zod-validation.pipe.js';
import { sessionIdParam } from '../sessions/dto/session.dto.js';
import { InstructorService } from './instructor.service.js';

const SessionId = () => Param('id', new ZodValidationPipe(sessionIdParam));

@InstructorOnly()
@Controller('api/instructor')
export class InstructorController {
  constructor(private readonly instructor: InstructorService) {}

  @Get('overview')
  overview() {
    return this.instructor.overview();
  }

  @Get('sessions/:id')
  session(@SessionId() id: string) {
    return this.instructor.session(id);
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  async end(@CurrentPrincipal() principal: Principal, @SessionId() id: string): Promise<void> {
    await this.instructor.end(principal, id);
  }
}
