import { Injectable, Logger } from '@nestjs/common';
import { newId, newShortId } from '../common/ids.js';
import {
  DriverError,
  errorDetail,
  type EnvironmentDriver,
  type EnvironmentSpec,
  type EnvironmentType,
  type ProvisionProgress,
} from './environment-driver.js';
import { EnvironmentDriversService } from './environment-drivers.service.js';
import type { EnvironmentHandle } from './environment-handle.js';
import { EnvironmentSlots } from './environment-slots.js';
import {
  ALIVE,
  EnvironmentsRepository,
  type EnvironmentRecord,
} from './environments.repository.js';
import { CreationQueue } from './creation-queue.js';
import { EngineHealth, EngineLostError } from './engines/engine-health.js';
import { EnginePlacement } from './engines/engine-placement.js';
import type { DockerEngine } from './engines/docker-engines.js';
import { isLabTestCluster } from './kind/kind-cluster-name.js';

/** What an environment is made from: a lab's environment type and its blocks. */
export type WantedEnvironment = EnvironmentSpec & { environment: EnvironmentType };

export interface CreateOptions {
  /** The creation queue's id for this creation (to tell positions and to cancel it). */
  queueId: string;
  attempts: number;
  onPosition?: (position: number) => void;
  onProgress?: (progress: ProvisionProgress) => void;
  /** Asked when the creation's turn comes: false gives the booked room back, nothing is made. */
  begin?: () => Promise<boolean>;
  /** Runs on each made environment within its attempt (the lab setup): its failure is the attempt's. */
  prepare?: (handle: EnvironmentHandle) => Promise<void>;
}

/**
 * Every environment's life, whoever wants it (a learner's session or the warm pool): room under
 * KUBELAB_MAX_CLUSTERS is booked as a row (EnvironmentSlots), the creation waits its turn
 * (CreationQueue), a failed attempt is destroyed and retried, and whenever an environment goes
 * (released, retired, failed, given back) its row says so and the room is offered to the next.
 * Nobody else writes a cluster row's status or frees room.
 */
@Injectable()
export class EnvironmentLifecycle {
  private readonly logger = new Logger(EnvironmentLifecycle.name);
  private readonly releasing = new Map<string, Promise<void>>();

  constructor(
    private readonly drivers: EnvironmentDriversService,
    private readonly clusters: EnvironmentsRepository,
    private readonly slots: EnvironmentSlots,
    private readonly queue: CreationQueue,
    private readonly health: EngineHealth,
    private readonly placement: EnginePlacement,
  ) {}

  /**
   * Waits in the fair queue for room, then books a row for `ownerId` unless `stillWanted` says
   * no (null). Rejects with SlotWaitCancelled when `cancelWait(ownerId)` ends the wait.
   */
  book(
    ownerId: string,
    wanted: WantedEnvironment,
    stillWanted: () => Promise<boolean>,
    onPosition: (position: number) => void,
  ): Promise<EnvironmentRecord | null> {
    return this.slots.acquire(
      ownerId,
      async () => ((await stillWanted()) ? this.insert(wanted, 'creating') : null),
      onPosition,
    );
  }

  /**
   * Room for a pool environment on this engine, only when nobody waits and the engine has room
   * and passes its preflight; null otherwise.
   */
  bookForPool(wanted: WantedEnvironment, engine: DockerEngine): Promise<EnvironmentRecord | null> {
    return this.slots.tryAcquire(async () => {
      const driver = this.drivers.for(wanted.environment);
      if (!(await this.placement.fits(driver.type, engine))) return null;
      return this.insertOn(engine, wanted, 'pooling');
    });
  }

  /** The engines environments can be placed on now (those answering), in configuration order. */
  engines(): DockerEngine[] {
    return this.health.up();
  }

  cancelWait(ownerId: string): void {
    this.slots.cancel(ownerId);
  }

  /** Ends every wait for room (shutdown); those who waited restart after the next start. */
  cancelAllWaits(): void {
    this.slots.cancelAll();
  }

  /** Resolves when no admission to room runs. */
  whenAdmissionsIdle(): Promise<void> {
    return this.slots.whenIdle();
  }

  /**
   * Makes a booked environment when its creation turn comes: each failed attempt is destroyed;
   * after the last the row says `failed`, the room is freed and the last error is thrown. Null
   * when `begin` declined (the room was given back). A creation cancelled before its turn
   * (`cancelCreation`) rejects with CreationCancelled.
   */
  create(
    cluster: EnvironmentRecord,
    wanted: WantedEnvironment,
    options: CreateOptions,
  ): Promise<EnvironmentHandle | null> {
    return this.queue.run(
      options.queueId,
      async () => {
        if (options.begin && !(await options.begin())) {
          await this.giveBack(cluster);
          return null;
        }
        return this.attempt(cluster, wanted, options);
      },
      options.onPosition,
    );
  }

  private async attempt(
    cluster: EnvironmentRecord,
    wanted: WantedEnvironment,
    options: CreateOptions,
  ): Promise<EnvironmentHandle> {
    const driver = this.drivers.for(cluster.driver as EnvironmentType);
    const { name, dockerEndpoint } = cluster;
    let lastError: unknown;
    for (let attempt = 1; attempt <= options.attempts; attempt++) {
      try {
        const made = async () => {
          const handle = await driver.create(
            { name, cluster: wanted.cluster, container: wanted.container, dockerEndpoint },
            options.onProgress,
          );
          await options.prepare?.(handle);
          return handle;
        };
        // A hanging engine would hold this creation (and its queue turn) forever.
        return await this.health.whileUp(dockerEndpoint, made());
      } catch (error) {
        if (error instanceof EngineLostError) {
          this.logger.warn(`Creating ${name} stopped: ${error.message}`);
          await this.clusters.setStatus(cluster.id, 'lost', error.message);
          this.slots.freed();
          throw error;
        }
        lastError = error;
        this.logger.warn(
          `Creating ${name} failed (attempt ${attempt}/${options.attempts}): ${errorDetail(error)}`,
        );
        await driver.destroy(name, dockerEndpoint).catch(() => undefined);
      }
    }
    await this.clusters.setStatus(cluster.id, 'failed', errorDetail(lastError));
    this.slots.freed();
    throw lastError;
  }

  /**
   * Takes a creation that has not started out of the queue and marks its row deleted; the room
   * is not offered on (this runs while room is being reclaimed). False when it already started.
   */
  async cancelCreation(queueId: string, cluster: EnvironmentRecord): Promise<boolean> {
    if (!this.queue.cancel(queueId)) return false;
    await this.clusters.setStatus(cluster.id, 'deleted');
    return true;
  }

  /** A made environment now belongs to a learner. */
  async assign(cluster: EnvironmentRecord): Promise<void> {
    await this.clusters.setStatus(cluster.id, 'assigned');
  }

  /** A made pool environment is ready to hand out; a learner waiting for room gets it instead. */
  async admitToPool(cluster: EnvironmentRecord): Promise<void> {
    await this.clusters.setStatus(cluster.id, 'ready');
    if (this.slots.waitingCount > 0) this.slots.freed();
  }

  /** A ready pool environment of this profile, now the caller's; null when there is none. */
  takePooled(profile: string): Promise<EnvironmentRecord | null> {
    return this.clusters.claimReady(profile);
  }

  /** Pool environments of this profile that exist or are being made on this engine. */
  countPooled(profile: string, engine: DockerEngine): Promise<number> {
    return this.clusters.countPool(profile, engine.endpoint);
  }

  /** A made environment that must not be used (a pool cluster that failed its proof) goes. */
  async discard(cluster: EnvironmentRecord, detail: string): Promise<void> {
    if (this.health.isUp(cluster.dockerEndpoint))
      await this.driverOf(cluster)
        .destroy(cluster.name, cluster.dockerEndpoint)
        .catch(() => undefined);
    await this.clusters.setStatus(cluster.id, 'failed', detail);
    this.slots.freed();
  }

  /**
   * An engine stopped answering: every environment on it stops counting (`lost`) and its room
   * goes to the engines that answer. Returns how many were lost.
   */
  async abandonEngine(dockerEndpoint: string): Promise<number> {
    const lost = await this.clusters.loseAllOn(dockerEndpoint);
    this.slots.freed();
    return lost;
  }

  /**
   * An engine answers again: what is left there of environments no row counts as alive goes
   * (the lost ones, and any a crash left), with networks this server made for them; lost rows
   * become `deleted`. Creations placed there since it came back are left alone. Returns the
   * names removed.
   */
  async cleanUpEngine(dockerEndpoint: string): Promise<string[]> {
    const removed: string[] = [];
    const alive = async () =>
      new Set((await this.clusters.findOn(dockerEndpoint, ALIVE)).map((c) => c.name));
    const failed = new Set<string>();
    const destroy = async (driver: EnvironmentDriver, name: string) => {
      try {
        await driver.destroy(name, dockerEndpoint);
        removed.push(name);
      } catch (error) {
        failed.add(name);
        this.logger.error(
          `Deleting ${name} after its engine came back failed: ${errorDetail(error)}`,
        );
      }
    };
    for (const driver of this.drivers.all()) {
      const keep = await alive();
      for (const { name } of await driver.list(dockerEndpoint))
        if (!keep.has(name) && !isLabTestCluster(name)) await destroy(driver, name);
      await driver.removeLeakedNetworks?.(dockerEndpoint, alive);
    }
    for (const cluster of await this.clusters.findOn(dockerEndpoint, ['lost'])) {
      // Idempotent: a kind cluster's kubeconfig lives with this server, not on the engine.
      if (!removed.includes(cluster.name) && !failed.has(cluster.name))
        await destroy(this.driverOf(cluster), cluster.name);
      // What could not be removed stays `lost`: the next start-up reconciliation tries again.
      if (!failed.has(cluster.name)) await this.clusters.setStatus(cluster.id, 'deleted');
    }
    // Its capacity counts again: who waits for room may get it there.
    this.slots.freed();
    return removed;
  }

  /**
   * Destroys an environment; errors are logged and the row says `failed`. Releasing twice at
   * once (two clicks, the reaper) deletes once, and both wait for it.
   */
  release(clusterId: string): Promise<void> {
    const running = this.releasing.get(clusterId);
    if (running) return running;
    const release = this.releaseOnce(clusterId).finally(() => this.releasing.delete(clusterId));
    this.releasing.set(clusterId, release);
    return release;
  }

  private async releaseOnce(clusterId: string): Promise<void> {
    const cluster = await this.clusters.findById(clusterId);
    if (!cluster || cluster.status === 'deleted' || cluster.status === 'lost') return;
    await this.clusters.setStatus(cluster.id, 'deleting');
    await this.destroy(cluster);
    this.slots.freed();
  }

  /**
   * Retires idle pool environments whose profile is not in `keep` and offers their room on;
   * returns how many went.
   */
  async retireIdle(keep: string[], reason: string): Promise<number> {
    let retired = 0;
    for (
      let idle = await this.clusters.claimIdle(keep);
      idle;
      idle = await this.clusters.claimIdle(keep)
    ) {
      this.logger.log(`Deleting pool cluster ${idle.name}: ${reason}`);
      await this.destroy(idle);
      retired++;
    }
    if (retired > 0) this.slots.freed();
    return retired;
  }

  /** Retires the oldest idle pool environment while room is being reclaimed; false when none. */
  async reclaimIdle(reason: string): Promise<boolean> {
    const idle = await this.clusters.claimIdle();
    if (!idle) return false;
    this.logger.log(`Deleting pool cluster ${idle.name}: ${reason}`);
    await this.destroy(idle);
    return true;
  }

  /** A row whose environment no longer exists (found at start-up) stops counting. */
  async forget(cluster: EnvironmentRecord): Promise<void> {
    await this.clusters.setStatus(cluster.id, 'deleted');
  }

  /** `reclaim` frees one idle environment when a learner needs room (the warm pool registers). */
  onReclaim(reclaim: () => Promise<boolean>): void {
    this.slots.onReclaim(reclaim);
  }

  /** Called after room came free and no learner waits (the warm pool refills then). */
  onRoom(listener: () => void): void {
    this.slots.onRoom(listener);
  }

  /** Booked room whose creation was never started goes back. */
  private async giveBack(cluster: EnvironmentRecord): Promise<void> {
    await this.clusters.setStatus(cluster.id, 'deleted');
    this.slots.freed();
  }

  private async destroy(cluster: EnvironmentRecord): Promise<void> {
    if (!this.health.isUp(cluster.dockerEndpoint)) {
      // Nothing can be removed there now; the clean-up when it answers again does (cleanUpEngine).
      await this.clusters.setStatus(cluster.id, 'lost');
      return;
    }
    try {
      await this.driverOf(cluster).destroy(cluster.name, cluster.dockerEndpoint);
      await this.clusters.setStatus(cluster.id, 'deleted');
    } catch (error) {
      this.logger.error(`Deleting ${cluster.name} failed: ${errorDetail(error)}`);
      await this.clusters.setStatus(cluster.id, 'failed', errorDetail(error));
    }
  }

  /** A row on the engine placement chooses; runs under the slots' lock, so counts hold. */
  private async insert(
    wanted: WantedEnvironment,
    status: 'creating' | 'pooling',
  ): Promise<EnvironmentRecord> {
    const driver = this.drivers.for(wanted.environment);
    const engine = await this.placement.choose(driver.type);
    if (!engine)
      throw new DriverError(
        `no engine that can hold a ${driver.type} environment has room`,
        'Gerade hat kein Rechner Platz für diese Übung. Bitte versuche es in ein paar Minuten noch einmal.',
      );
    return this.insertOn(engine, wanted, status);
  }

  private insertOn(
    engine: DockerEngine,
    wanted: WantedEnvironment,
    status: 'creating' | 'pooling',
  ): Promise<EnvironmentRecord> {
    const driver = this.drivers.for(wanted.environment);
    return this.clusters.create({
      id: newId(),
      name: `kl-${newShortId()}`,
      driver: driver.type,
      status,
      dockerEndpoint: engine.endpoint,
      profileHash: driver.profileOf(wanted),
    });
  }

  private driverOf(cluster: EnvironmentRecord) {
    return this.drivers.for(cluster.driver as EnvironmentType);
  }
}
