import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EnvironmentLifecycle } from '../clusters/environment-lifecycle.js';
import type { DockerEngine } from '../clusters/engines/docker-engines.js';
import { ENGINE_LOST_MESSAGE, EngineHealth } from '../clusters/engines/engine-health.js';
import { SessionLifecycle } from './session-lifecycle.js';
import { SessionsRepository } from './sessions.repository.js';

/**
 * What a lost engine means for learners: every live session on it becomes `unavailable` with a
 * German message (its terminals close), its environments stop counting, so „Fortsetzen“ makes a
 * new one on an engine that answers and replays the passed steps. When the engine answers again,
 * what is left there is removed.
 */
@Injectable()
export class EngineLoss implements OnApplicationBootstrap {
  private readonly logger = new Logger(EngineLoss.name);

  constructor(
    private readonly health: EngineHealth,
    private readonly sessions: SessionsRepository,
    private readonly lifecycle: SessionLifecycle,
    private readonly environments: EnvironmentLifecycle,
  ) {}

  onApplicationBootstrap(): void {
    this.health.onLost((engine) => this.lost(engine));
    this.health.onBack((engine) => this.back(engine));
    this.health.start();
  }

  /** Returns how many sessions were made unavailable. */
  async lost(engine: DockerEngine): Promise<number> {
    const live = await this.sessions.findLiveOn(engine.endpoint);
    const environments = await this.environments.abandonEngine(engine.endpoint);
    let ended = 0;
    for (const session of live)
      if (await this.lifecycle.endOnLostEngine(session, ENGINE_LOST_MESSAGE)) ended++;
    this.logger.warn(
      `Engine ${engine.name} lost: ${ended} session(s) made unavailable, ${environments} environment(s) left for the clean-up`,
    );
    return ended;
  }

  async back(engine: DockerEngine): Promise<void> {
    const removed = await this.environments.cleanUpEngine(engine.endpoint);
    this.logger.log(
      `Engine ${engine.name} is back: removed ${removed.length} environment(s) left there${removed.length ? ` (${removed.join(', ')})` : ''}`,
    );
  }
}
