import { Injectable } from '@nestjs/common';
import type { EnvironmentHandle } from '../../clusters/environment-handle.js';
import { AppConfigService } from '../../config/app-config.js';
import type { Lab } from '../../labs/lab.types.js';
import { NodeViewTokensService } from '../../node-views/node-view-tokens.service.js';
import { LearnerAccessService } from './learner-access.service.js';

/**
 * After a session's lab setup: a cluster with a toolbox (shared mode) gets the learner's rights
 * and kubeconfig (where the lab declares `access`) and a fresh `knoten` token for this session.
 * Local mode has no toolbox.
 */
@Injectable()
export class SessionAccessService {
  constructor(
    private readonly access: LearnerAccessService,
    private readonly tokens: NodeViewTokensService,
    private readonly config: AppConfigService,
  ) {}

  async prepare(sessionId: string, lab: Lab, handle: EnvironmentHandle): Promise<void> {
    if (!handle.toolbox) return;
    const token = await this.tokens.issue(sessionId);
    await this.access.install(lab, handle, { token, port: this.config.get('PORT') });
  }
}
