import { Injectable } from '@nestjs/common';
import type { EnvironmentType } from '../environment-driver.js';
import { EnvironmentDriversService } from '../environment-drivers.service.js';
import { EnvironmentsRepository } from '../environments.repository.js';
import type { DockerEngine } from './docker-engines.js';
import { EngineHealth } from './engine-health.js';

export interface EngineRoom {
  engine: DockerEngine;
  alive: number;
  free: number;
}

/**
 * Where a new environment goes: the answering engine with the most free capacity whose
 * preflight for the environment's driver passes (image present, address pools left, …; cached
 * per engine). Ties go to the engine named first in KUBELAB_DOCKER_HOSTS.
 */
@Injectable()
export class EnginePlacement {
  constructor(
    private readonly health: EngineHealth,
    private readonly drivers: EnvironmentDriversService,
    private readonly clusters: EnvironmentsRepository,
  ) {}

  /** The engine for a new environment of this type; null when no engine that can hold it has room. */
  async choose(type: EnvironmentType): Promise<DockerEngine | null> {
    const rooms = (await this.rooms()).filter((room) => room.free > 0);
    rooms.sort((a, b) => b.free - a.free);
    for (const { engine } of rooms)
      if ((await this.drivers.for(type).preflight(engine.endpoint)).ok) return engine;
    return null;
  }

  /** Whether this engine answers, has room and passes its preflight for the type. */
  async fits(type: EnvironmentType, engine: DockerEngine): Promise<boolean> {
    const room = (await this.rooms()).find((r) => r.engine.endpoint === engine.endpoint);
    if (!room || room.free === 0) return false;
    return (await this.drivers.for(type).preflight(engine.endpoint)).ok;
  }

  /** Room on every answering engine, in configuration order. */
  async rooms(): Promise<EngineRoom[]> {
    const alive = await this.clusters.countAliveByEngine();
    return this.health.up().map((engine) => {
      const count = alive.get(engine.endpoint) ?? 0;
      return { engine, alive: count, free: Math.max(0, engine.capacity - count) };
    });
  }

  /** KUBELAB_MAX_CLUSTERS as it stands: the capacities of the engines that answer. */
  limit(): number {
    return this.health.up().reduce((sum, engine) => sum + engine.capacity, 0);
  }

  /** Environments counting against `limit()`: those on answering engines. */
  occupied(): Promise<number> {
    return this.clusters.countAlive(this.health.up().map((engine) => engine.endpoint));
  }
}
