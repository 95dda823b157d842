import { Module } from '@nestjs/common';
import { ENVIRONMENT_DRIVERS } from './environment-driver.js';
import { EnvironmentDriversService } from './environment-drivers.service.js';
import { EnvironmentSlots } from './environment-slots.js';
import { environmentSlotsProvider } from './environment-slots.provider.js';
import { EnvironmentsRepository } from './environments.repository.js';
import { CreationQueue } from './creation-queue.js';
import { EnvironmentHooks } from './environment-hooks.js';
import { EnvironmentLifecycle } from './environment-lifecycle.js';
import { creationQueueProvider } from './creation-queue.provider.js';
import { ContainerDriver } from './container/container.driver.js';
import { KindDriver } from './kind/kind.driver.js';
import { EngineHealth } from './engines/engine-health.js';
import { EnginePlacement } from './engines/engine-placement.js';

@Module({
  providers: [
    KindDriver,
    ContainerDriver,
    {
      provide: ENVIRONMENT_DRIVERS,
      useFactory: (kind: KindDriver, container: ContainerDriver) => [kind, container],
      inject: [KindDriver, ContainerDriver],
    },
    EnvironmentDriversService,
    EnvironmentsRepository,
    EngineHealth,
    EnginePlacement,
    creationQueueProvider,
    environmentSlotsProvider,
    EnvironmentHooks,
    EnvironmentLifecycle,
  ],
  exports: [
    EnvironmentDriversService,
    EnvironmentsRepository,
    CreationQueue,
    EnvironmentSlots,
    EnvironmentHooks,
    EnvironmentLifecycle,
    EngineHealth,
    EnginePlacement,
  ],
})
export class ClustersModule {}
