import type { Provider } from '@nestjs/common';
import { AppConfigService } from '../config/app-config.js';
import { EnvironmentSlots } from './environment-slots.js';
import { EnvironmentsRepository } from './environments.repository.js';

/** One bound for the whole server; the cluster rows are the truth about what exists. */
export const environmentSlotsProvider: Provider = {
  provide: EnvironmentSlots,
  useFactory: (config: AppConfigService, clusters: EnvironmentsRepository) =>
    new EnvironmentSlots(config.get('KUBELAB_MAX_CLUSTERS'), () => clusters.countAlive()),
  inject: [AppConfigService, EnvironmentsRepository],
};
