import type { Provider } from '@nestjs/common';
import { AppConfigService } from '../config/app-config.js';
import { CreationQueue } from './creation-queue.js';

/** One queue for the whole server: learners' creations and the warm pool share its slots. */
export const creationQueueProvider: Provider = {
  provide: CreationQueue,
  useFactory: (config: AppConfigService) =>
    new CreationQueue(config.get('KUBELAB_CREATE_CONCURRENCY')),
  inject: [AppConfigService],
};
