import { Module } from '@nestjs/common';
import { StepGrader } from './step-grader.js';
import { StepGraderService } from './step-grader.service.js';

@Module({
  providers: [{ provide: StepGrader, useClass: StepGraderService }],
  exports: [StepGrader],
})
export class GradingModule {}
