import { Controller, Get, Param } from '@nestjs/common';
import { Public } from '../common/decorators/public.decorator.js';
import { ZodValidationPipe } from '../common/pipes/zod-validation.pipe.js';
import { labIdParam } from './dto/lab-id.param.js';
import type { LabDetail, LabSummary } from '../contract/lab.views.js';
import { toLabDetail, toLabSummary } from './lab.mapper.js';
import { LabsService } from './labs.service.js';

@Public()
@Controller('api/labs')
export class LabsController {
  constructor(private readonly labs: LabsService) {}

  @Get()
  list(): LabSummary[] {
    return this.labs.list().map(toLabSummary);
  }

  @Get(':id')
  get(@Param('id', new ZodValidationPipe(labIdParam)) id: string): LabDetail {
    return toLabDetail(this.labs.get(id));
  }
}
