import type { Provider } from '@nestjs/common';
import { AppConfigService } from '../config/app-config.js';
import { ClusterSlots } from './cluster-slots.js';
import { ClustersRepository } from './clusters.repository.js';

/** One bound for the whole server; the cluster rows are the truth about what exists. */
export const clusterSlotsProvider: Provider = {
  provide: ClusterSlots,
  useFactory: (config: AppConfigService, clusters: ClustersRepository) =>
    new ClusterSlots(config.get('KUBELAB_MAX_CLUSTERS'), () => clusters.countAlive()),
  inject: [AppConfigService, ClustersRepository],
};
