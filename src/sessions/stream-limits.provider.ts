import type { Provider } from '@nestjs/common';
import { ConnectionLimits } from '../common/connection-limits.js';
import { AppConfigService } from '../config/app-config.js';

/** Open server-sent event streams, in total and per learner (connection-limits.ts). */
export const STREAM_LIMITS = Symbol('STREAM_LIMITS');

export const streamLimitsProvider: Provider = {
  provide: STREAM_LIMITS,
  inject: [AppConfigService],
  useFactory: (config: AppConfigService) =>
    new ConnectionLimits(
      config.get('KUBELAB_MAX_STREAMS'),
      config.get('KUBELAB_MAX_STREAMS_PER_LEARNER'),
    ),
};
