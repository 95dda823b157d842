import { Module } from '@nestjs/common';
import { ClustersModule } from '../clusters/clusters.module.js';
import { PoolModule } from '../clusters/pool/pool.module.js';
import { GradingModule } from '../grading/grading.module.js';
import { LabsModule } from '../labs/labs.module.js';
import { NodeViewsModule } from '../node-views/node-views.module.js';
import { LearnerAccessService } from './access/learner-access.service.js';
import { SessionAccessService } from './access/session-access.service.js';
import { LabSetupService } from './lab-setup.service.js';
import { KubeClients } from '../kube/kube-clients.js';
import { SessionReaper } from './session-reaper.js';
import { SessionChanges } from './session-changes.js';
import { SessionLifecycle } from './session-lifecycle.js';
import { SessionProvisioner } from './session-provisioner.js';
import { StoppedEnvironments } from './stopped-environments.js';
import { EngineLoss } from './engine-loss.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';
import { StepCheckRunner } from './step-check-runner.js';
import { streamLimitsProvider } from './stream-limits.provider.js';
import { AUTO_CHECK_DELAY_MS, AutoCheckService } from './auto-check/auto-check.service.js';
import { ClientNodeKubeWatcher, KubeWatcher } from '../kube/kube-watcher.js';

@Module({
  imports: [LabsModule, ClustersModule, PoolModule, GradingModule, NodeViewsModule],
  controllers: [SessionsController],
  providers: [
    SessionsRepository,
    SessionsService,
    StepCheckRunner,
    AutoCheckService,
    { provide: KubeWatcher, useClass: ClientNodeKubeWatcher },
    { provide: AUTO_CHECK_DELAY_MS, useValue: 1000 },
    SessionProvisioner,
    SessionLifecycle,
    SessionChanges,
    LabSetupService,
    LearnerAccessService,
    SessionAccessService,
    SessionReaper,
    StoppedEnvironments,
    EngineLoss,
    KubeClients,
    streamLimitsProvider,
  ],
  exports: [SessionsService],
})
export class SessionsModule {}
