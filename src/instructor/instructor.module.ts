import { Module } from '@nestjs/common';
import { ClustersModule } from '../clusters/clusters.module.js';
import { LabsModule } from '../labs/labs.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { InstructorController } from './instructor.controller.js';
import { InstructorRepository } from './instructor.repository.js';
import { InstructorService } from './instructor.service.js';

@Module({
  imports: [LabsModule, SessionsModule, ClustersModule],
  controllers: [InstructorController],
  providers: [InstructorRepository, InstructorService],
})
export class InstructorModule {}
