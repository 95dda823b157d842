import { Module } from '@nestjs/common';
import { LabsModule } from '../labs/labs.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { InstructorController } from './instructor.controller.js';
import { InstructorRepository } from './instructor.repository.js';
import { InstructorService } from './instructor.service.js';

@Module({
  imports: [LabsModule, SessionsModule],
  controllers: [InstructorController],
  providers: [InstructorRepository, InstructorService],
})
export class InstructorModule {}
