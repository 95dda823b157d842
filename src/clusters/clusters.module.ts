import { Module } from '@nestjs/common';
import { CLUSTER_DRIVERS } from './cluster-driver.js';
import { ClusterDriversService } from './cluster-drivers.service.js';
import { EnvironmentSlots } from './environment-slots.js';
import { environmentSlotsProvider } from './environment-slots.provider.js';
import { ClustersRepository } from './clusters.repository.js';
import { CreationQueue } from './creation-queue.js';
import { EnvironmentHooks } from './environment-hooks.js';
import { EnvironmentLifecycle } from './environment-lifecycle.js';
import { creationQueueProvider } from './creation-queue.provider.js';
import { ContainerDriver } from './container/container.driver.js';
import { KindDriver } from './kind/kind.driver.js';

@Module({
  providers: [
    KindDriver,
    ContainerDriver,
    {
      provide: CLUSTER_DRIVERS,
      useFactory: (kind: KindDriver, container: ContainerDriver) => [kind, container],
      inject: [KindDriver, ContainerDriver],
    },
    ClusterDriversService,
    ClustersRepository,
    creationQueueProvider,
    environmentSlotsProvider,
    EnvironmentHooks,
    EnvironmentLifecycle,
  ],
  exports: [
    ClusterDriversService,
    ClustersRepository,
    CreationQueue,
    EnvironmentSlots,
    EnvironmentHooks,
    EnvironmentLifecycle,
  ],
})
export class ClustersModule {}
