import { Module } from '@nestjs/common';
import { CLUSTER_DRIVERS } from './cluster-driver.js';
import { ClusterDriversService } from './cluster-drivers.service.js';
import { ClustersRepository } from './clusters.repository.js';
import { KindDriver } from './kind/kind.driver.js';

@Module({
  providers: [
    KindDriver,
    { provide: CLUSTER_DRIVERS, useFactory: (kind: KindDriver) => [kind], inject: [KindDriver] },
    ClusterDriversService,
    ClustersRepository,
  ],
  exports: [ClusterDriversService, ClustersRepository],
})
export class ClustersModule {}
