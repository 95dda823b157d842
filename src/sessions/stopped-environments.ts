import { Injectable, Logger } from '@nestjs/common';
import type { EnvironmentType } from '../clusters/environment-driver.js';
import { EnvironmentDriversService } from '../clusters/environment-drivers.service.js';
import { EngineHealth } from '../clusters/engines/engine-health.js';
import { SessionLifecycle } from './session-lifecycle.js';
import type { SessionRecord } from './session.types.js';
import { SessionsRepository } from './sessions.repository.js';
import { ENVIRONMENT_STOPPED_MESSAGE } from './unavailable-message.js';

/**
 * Notices ready sessions whose environment no longer runs (`docker stop`, a Docker restart, a
 * container removed by hand): they become `unavailable` with a German message, their
 * environment is freed (so it stops counting against KUBELAB_MAX_CLUSTERS), and "Fortsetzen"
 * gives a fresh one. Cheap enough for every reaper sweep: one listing call per driver and
 * Docker endpoint in use, none when no session is ready. A driver that cannot list (Docker
 * down, restarting) judges nothing until the next sweep.
 */
@Injectable()
export class StoppedEnvironments {
  private readonly logger = new Logger(StoppedEnvironments.name);

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly drivers: EnvironmentDriversService,
    private readonly lifecycle: SessionLifecycle,
    private readonly health: EngineHealth,
  ) {}

  /** Returns how many sessions it made unavailable. */
  async sweep(): Promise<number> {
    // Sessions first: an environment listed afterwards existed when its session was read.
    const ready = await this.sessions.findReady();
    let ended = 0;
    for (const group of groupByWhere(ready)) {
      // A lost engine's sessions are EngineLoss's; listing there would only wait.
      if (!this.health.isUp(group.dockerEndpoint)) continue;
      const running = await this.runningNames(group.driver, group.dockerEndpoint);
      if (!running) continue;
      for (const held of group.held) {
        if (running.has(held.name)) continue;
        if (await this.end(held)) ended++;
      }
    }
    return ended;
  }

  private async runningNames(
    type: EnvironmentType,
    dockerEndpoint: string,
  ): Promise<Set<string> | null> {
    try {
      const listed = await this.drivers.for(type).list(dockerEndpoint);
      return new Set(listed.filter((c) => c.running).map((c) => c.name));
    } catch (error) {
      this.logger.warn(`Cannot list ${type} environments on ${dockerEndpoint}: ${String(error)}`);
      return null;
    }
  }

  private async end({ sessionId, clusterId, name }: Held): Promise<boolean> {
    const moved = await this.lifecycle.endOnStoppedEnvironment(
      sessionId,
      clusterId,
      ENVIRONMENT_STOPPED_MESSAGE,
    );
    if (moved)
      this.logger.warn(
        `Session ${sessionId}: environment ${name} no longer runs; made unavailable`,
      );
    return moved;
  }
}

/** A ready session's hold on its environment. */
interface Held {
  sessionId: string;
  clusterId: string;
  name: string;
}

/** Environments on one driver and Docker endpoint: one listing serves them all. */
interface Where {
  driver: EnvironmentType;
  dockerEndpoint: string;
  held: Held[];
}

function groupByWhere(sessions: SessionRecord[]): Where[] {
  const groups = new Map<string, Where>();
  for (const { id, clusterId, cluster } of sessions) {
    if (!cluster || !clusterId) continue;
    const driver = cluster.driver as EnvironmentType;
    const { dockerEndpoint } = cluster;
    const key = `${driver} ${dockerEndpoint}`;
    const group = groups.get(key) ?? { driver, dockerEndpoint, held: [] };
    group.held.push({ sessionId: id, clusterId, name: cluster.name });
    groups.set(key, group);
  }
  return [...groups.values()];
}
