import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { InstructorOnly } from '../auth/instructor-only.decorator.js';
import type { Principal } from '../common/principal.js';
import { ZodValidationPipe } from '../common/pipes/zod-validation.pipe.js';
import { sessionIdParam } from '../sessions/dto/session.dto.js';
import { pageQuery, type PageQuery } from './dto/page.query.js';
import { InstructorService } from './instructor.service.js';

const SessionId = () => Param('id', new ZodValidationPipe(sessionIdParam));
const PageParams = () => Query(new ZodValidationPipe(pageQuery));

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

  @Get('sessions/:id/attempts')
  attempts(@SessionId() id: string, @PageParams() query: PageQuery) {
    return this.instructor.attempts(id, query);
  }

  @Get('sessions/:id/transcript')
  transcript(@SessionId() id: string, @PageParams() query: PageQuery) {
    return this.instructor.transcript(id, query);
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  async end(@CurrentPrincipal() principal: Principal, @SessionId() id: string): Promise<void> {
    await this.instructor.end(principal, id);
  }
}
