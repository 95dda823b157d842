import { Module } from '@nestjs/common';
import { ClustersModule } from '../clusters/clusters.module.js';
import { LabsModule } from '../labs/labs.module.js';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';

@Module({
  imports: [LabsModule, ClustersModule],
  controllers: [HealthController],
  providers: [HealthService],
})
export class HealthModule {}
