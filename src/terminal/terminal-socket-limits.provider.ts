import type { Provider } from '@nestjs/common';
import { ConnectionLimits } from '../common/connection-limits.js';
import { AppConfigService } from '../config/app-config.js';

/** Open terminal WebSockets, in total and per learner (connection-limits.ts). */
export const TERMINAL_SOCKET_LIMITS = Symbol('TERMINAL_SOCKET_LIMITS');

export const terminalSocketLimitsProvider: Provider = {
  provide: TERMINAL_SOCKET_LIMITS,
  inject: [AppConfigService],
  useFactory: (config: AppConfigService) =>
    new ConnectionLimits(
      config.get('KUBELAB_MAX_SOCKETS'),
      config.get('KUBELAB_MAX_SOCKETS_PER_LEARNER'),
    ),
};
