import type { Provider } from '@nestjs/common';
import { EnginePlacement } from './engines/engine-placement.js';
import { EnvironmentSlots } from './environment-slots.js';

/**
 * One bound for the whole server: the capacities of the engines that answer (KUBELAB_MAX_CLUSTERS
 * while all do); the cluster rows are the truth about what exists.
 */
export const environmentSlotsProvider: Provider = {
  provide: EnvironmentSlots,
  useFactory: (placement: EnginePlacement) =>
    new EnvironmentSlots(
      () => placement.limit(),
      () => placement.occupied(),
    ),
  inject: [EnginePlacement],
};
