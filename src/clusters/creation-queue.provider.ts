import type { Provider } from '@nestjs/common';
import { AppConfigService } from '../config/app-config.js';
import { CreationQueue } from './creation-queue.js';

/**
 * One queue for the whole server: learners' creations and the warm pool share its slots,
 * KUBELAB_CREATE_CONCURRENCY per engine (a creation's work happens on its engine's host).
 */
export const creationQueueProvider: Provider = {
  provide: CreationQueue,
  useFactory: (config: AppConfigService) =>
    new CreationQueue(
      config.get('KUBELAB_CREATE_CONCURRENCY') * config.get('KUBELAB_DOCKER_HOSTS').length,
    ),
  inject: [AppConfigService],
};
