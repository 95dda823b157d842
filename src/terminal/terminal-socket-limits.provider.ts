import type { Provider } from '@nestjs/common';
import { ConnectionLimits } from '../common/connection-limits.js';
import { AppConfigService } from '../config/app-config.js';

/** Open terminal WebSockets, in total and per learner (connection-limits.ts). */
export const TERMINAL_SOCKET_LIMITS = Symbol('TERMINAL_SOCKET_LIMITS');

/**
 * Sockets that have not said hello yet, per client address: whoever holds no token can
 * otherwise fill the total with silent sockets for the hello timeout and lock everyone out.
 */
export const PENDING_SOCKET_LIMITS = Symbol('PENDING_SOCKET_LIMITS');

export const pendingSocketLimitsProvider: Provider = {
  provide: PENDING_SOCKET_LIMITS,
  inject: [AppConfigService],
  useFactory: (config: AppConfigService) =>
    new ConnectionLimits(
      Number.MAX_SAFE_INTEGER,
      config.get('KUBELAB_MAX_PENDING_SOCKETS_PER_ADDRESS'),
    ),
};

export const terminalSocketLimitsProvider: Provider = {
  provide: TERMINAL_SOCKET_LIMITS,
  inject: [AppConfigService],
  useFactory: (config: AppConfigService) =>
    new ConnectionLimits(
      config.get('KUBELAB_MAX_SOCKETS'),
      config.get('KUBELAB_MAX_SOCKETS_PER_LEARNER'),
    ),
};
