import { Module } from '@nestjs/common';
import { KubeClients } from '../../kube/kube-clients.js';
import { LabsModule } from '../../labs/labs.module.js';
import { ClustersModule } from '../clusters.module.js';
import { networkPolicyProofProvider } from './network-policy-proof.provider.js';
import { WarmPool } from './warm-pool.js';

@Module({
  imports: [LabsModule, ClustersModule],
  providers: [WarmPool, networkPolicyProofProvider, KubeClients],
  exports: [WarmPool],
})
export class PoolModule {}
