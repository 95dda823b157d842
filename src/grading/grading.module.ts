import { Module } from '@nestjs/common';
import { CHECK_EVALUATORS } from './check-evaluator.js';
import { AnswerCheck } from './checks/answer.check.js';
import { StepGrader } from './step-grader.js';
import { StepGraderService } from './step-grader.service.js';

@Module({
  providers: [
    { provide: CHECK_EVALUATORS, useValue: [new AnswerCheck()] },
    { provide: StepGrader, useClass: StepGraderService },
  ],
  exports: [StepGrader],
})
export class GradingModule {}
