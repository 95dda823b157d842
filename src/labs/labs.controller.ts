import { Controller, Get, Param } from '@nestjs/common';
import { Public } from '../common/decorators/public.decorator.js';
import { ZodValidationPipe } from '../common/pipes/zod-validation.pipe.js';
import { labIdParam } from './dto/lab-id.param.js';
import type { LabDetail, LabSummary } from '../contract/lab.views.js';
import { toLabDetail, toLabSummary } from './lab.mapper.js';
import { LabsService } from './labs.service.js';
import { CatalogAvailability } from './catalog-availability.js';

@Public()
@Controller('api/labs')
export class LabsController {
  constructor(
    private readonly labs: LabsService,
    private readonly availability: CatalogAvailability,
  ) {}

  @Get()
  async list(): Promise<LabSummary[]> {
    const availability = await this.availability.forCatalog();
    return this.labs.list().map((lab) => toLabSummary(lab, availability.get(lab.id)));
  }

  @Get(':id')
  async get(@Param('id', new ZodValidationPipe(labIdParam)) id: string): Promise<LabDetail> {
    const lab = this.labs.get(id);
    return toLabDetail(lab, (await this.availability.forCatalog()).get(lab.id));
  }
}
