import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  DriverError,
  errorDetail,
  type ClusterDriver,
  type EnvironmentType,
  type ProvisionProgress,
} from '../clusters/cluster-driver.js';
import type { ClusterHandle } from '../clusters/cluster-handle.js';
import { ClusterDriversService } from '../clusters/cluster-drivers.service.js';
import { ClusterSlots, SlotWaitCancelled } from '../clusters/cluster-slots.js';
import type { ClusterRecord } from '../clusters/clusters.repository.js';
import { ClustersRepository } from '../clusters/clusters.repository.js';
import { CreationQueue } from '../clusters/creation-queue.js';
import { EnvironmentHooks } from '../clusters/environment-hooks.js';
import { Clock } from '../common/adapters/clock.js';
import { newId, newShortId } from '../common/ids.js';
import { AppConfigService } from '../config/app-config.js';
import type { Lab } from '../labs/lab.types.js';
import { LabSetupService } from './lab-setup.service.js';
import { networkPolicyGap } from './network-policy-gap.js';
import { WarmPool } from './warm-pool.service.js';
import { SessionsRepository } from './sessions.repository.js';
import { LIVE_STATUSES } from './session.types.js';
import { unavailableMessage } from './unavailable-message.js';

const CREATE_ATTEMPTS = 2;

export interface ProvisionOptions {
  /** Steps whose reference solutions are replayed after setup ("Fortsetzen"). */
  replay?: string[];
}

/**
 * Gets an environment for a session in the background: preflight, a pooled one or room under
 * KUBELAB_MAX_CLUSTERS and then a place in the creation queue (in both queues the learner sees
 * their position), create (retried once), lab setup, replay of passed steps; on failure whatever
 * was half made is removed. Failure is a session state, never a crash.
 */
@Injectable()
export class SessionProvisioner implements OnApplicationShutdown {
  private readonly logger = new Logger(SessionProvisioner.name);
  private readonly pending = new Set<Promise<void>>();
  private readonly releasing = new Map<string, Promise<void>>();

  constructor(
    private readonly drivers: ClusterDriversService,
    private readonly clusters: ClustersRepository,
    private readonly sessions: SessionsRepository,
    private readonly config: AppConfigService,
    private readonly setup: LabSetupService,
    private readonly queue: CreationQueue,
    private readonly slots: ClusterSlots,
    private readonly pool: WarmPool,
    private readonly hooks: EnvironmentHooks,
    private readonly clock: Clock,
  ) {}

  start(sessionId: string, lab: Lab, options: ProvisionOptions = {}): void {
    this.track(sessionId, this.provision(sessionId, lab, options));
  }

  private track(sessionId: string, work: Promise<void>): void {
    const task = work
      .catch((error: unknown) =>
        this.logger.error(`Provisioning ${sessionId} crashed: ${String(error)}`),
      )
      .finally(() => this.pending.delete(task));
    this.pending.add(task);
  }

  /**
   * Resolves when no provisioning runs; tests and shutdown wait on it. A learner waiting for
   * room is not work in progress: it waits for someone else's session to end.
   */
  async whenIdle(): Promise<void> {
    for (;;) {
      await this.slots.whenIdle();
      if (this.pending.size === 0) return;
      await Promise.allSettled([...this.pending]);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    // Sessions waiting for room stay queued; the start-up reconciliation restarts them.
    this.slots.cancelAll();
    await this.whenIdle();
  }

  /**
   * Frees an environment; errors are logged and the cluster row says `failed`. With the
   * session's id, what hangs on the environment (its terminals) is closed first.
   */
  async release(clusterId: string | null, sessionId?: string): Promise<void> {
    if (sessionId) this.slots.cancel(sessionId);
    if (!clusterId) return;
    // Finishing and deleting can race (two clicks, the reaper): one deletion, both wait for it.
    const running = this.releasing.get(clusterId);
    if (running) return running;
    const release = this.releaseOnce(clusterId, sessionId).finally(() =>
      this.releasing.delete(clusterId),
    );
    this.releasing.set(clusterId, release);
    return release;
  }

  private async releaseOnce(clusterId: string, sessionId?: string): Promise<void> {
    if (sessionId) await this.hooks.runBeforeRelease(sessionId);
    const cluster = await this.clusters.findById(clusterId);
    if (!cluster || cluster.status === 'deleted') return;
    await this.clusters.setStatus(cluster.id, 'deleting');
    try {
      await this.driverOf(cluster).destroy(cluster.name, cluster.dockerEndpoint);
      await this.clusters.setStatus(cluster.id, 'deleted');
    } catch (error) {
      this.logger.error(`Deleting ${cluster.name} failed: ${String(error)}`);
      await this.clusters.setStatus(cluster.id, 'failed', errorDetail(error));
    }
    this.slots.freed();
  }

  private driverOf(cluster: ClusterRecord): ClusterDriver {
    return this.drivers.for(cluster.driver as EnvironmentType);
  }

  private async provision(sessionId: string, lab: Lab, options: ProvisionOptions): Promise<void> {
    const driver = this.drivers.for(lab.environment);
    const report = await driver.preflight();
    if (!report.ok) {
      await this.sessions.transitionIfLive(sessionId, 'unavailable', unavailableMessage(report));
      return;
    }
    const policyGap = networkPolicyGap(lab, report);
    if (policyGap) {
      await this.sessions.transitionIfLive(sessionId, 'unavailable', policyGap);
      return;
    }
    if (await this.fromPool(sessionId, lab, driver, options)) return;
    // Waiting for room may take long: the wait is not tracked work, what follows it is.
    this.slots
      .acquire(
        sessionId,
        () => this.book(sessionId, lab, driver),
        (position) =>
          this.report(
            sessionId,
            'queued',
            `Alle Übungsumgebungen sind gerade belegt. Du bist an Position ${position} der Warteschlange.`,
          ),
      )
      .then(
        (cluster) => {
          if (cluster) this.track(sessionId, this.create(sessionId, lab, driver, cluster, options));
        },
        (error: unknown) => {
          if (!(error instanceof SlotWaitCancelled))
            this.logger.error(`Waiting for room for ${sessionId} failed: ${String(error)}`);
        },
      );
  }

  /** Runs under the slot lock: the row that holds the room, unless the session ended meanwhile. */
  private async book(
    sessionId: string,
    lab: Lab,
    driver: ClusterDriver,
  ): Promise<ClusterRecord | null> {
    const session = await this.sessions.findById(sessionId);
    if (!session || !LIVE_STATUSES.includes(session.status)) return null;
    return this.clusters.create({
      id: newId(),
      name: `kl-${newShortId()}`,
      driver: driver.type,
      status: 'creating',
      dockerEndpoint: this.config.get('KUBELAB_DOCKER_HOST'),
      profileHash: this.drivers.profileOf(lab),
    });
  }

  private create(
    sessionId: string,
    lab: Lab,
    driver: ClusterDriver,
    cluster: ClusterRecord,
    options: ProvisionOptions,
  ): Promise<void> {
    return this.queue.run(
      sessionId,
      () => this.createFor(sessionId, lab, driver, cluster, options),
      (position) =>
        this.report(sessionId, 'queued', `Du bist an Position ${position} der Warteschlange.`),
    );
  }

  /** A warm cluster skips the creation; if its setup fails it is dropped and a fresh one made. */
  private async fromPool(
    sessionId: string,
    lab: Lab,
    driver: ClusterDriver,
    options: ProvisionOptions,
  ): Promise<boolean> {
    const cluster = await this.pool.take(lab);
    if (!cluster) return false;
    try {
      await this.sessions.update(sessionId, { clusterId: cluster.id });
      this.report(sessionId, 'provisioning', 'Deine Umgebung wird eingerichtet …');
      await this.prepare(
        sessionId,
        lab,
        await driver.handle(cluster.name, cluster.dockerEndpoint),
        options,
      );
      if (!(await this.sessions.readyIfLive(sessionId, this.clock.now())))
        await this.release(cluster.id, sessionId);
      return true;
    } catch (error) {
      this.logger.warn(`Pooled ${cluster.name} could not be prepared: ${errorDetail(error)}`);
      await this.release(cluster.id, sessionId);
      await this.sessions.update(sessionId, { clusterId: null });
      return false;
    }
  }

  /** Lab setup, then the replay of passed steps on resume. */
  private async prepare(
    sessionId: string,
    lab: Lab,
    handle: ClusterHandle,
    options: ProvisionOptions,
  ): Promise<void> {
    await this.setup.apply(lab, handle);
    if (options.replay?.length) {
      this.report(
        sessionId,
        'provisioning',
        'Deine bisherigen Schritte werden wiederhergestellt …',
      );
      await this.setup.replay(lab, handle, options.replay);
    }
  }

  private async createFor(
    sessionId: string,
    lab: Lab,
    driver: ClusterDriver,
    cluster: ClusterRecord,
    options: ProvisionOptions,
  ): Promise<void> {
    if (
      !(await this.sessions.transitionIfLive(
        sessionId,
        'provisioning',
        'Die Umgebung wird vorbereitet …',
      ))
    ) {
      // Ended while waiting for its turn: the booked room is given back, nothing was made.
      await this.clusters.setStatus(cluster.id, 'deleted');
      this.slots.freed();
      return;
    }
    const { dockerEndpoint } = cluster;
    await this.sessions.update(sessionId, { clusterId: cluster.id });

    let lastError: unknown;
    for (let attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      try {
        const handle = await driver.create(
          { name: cluster.name, cluster: lab.cluster, container: lab.container, dockerEndpoint },
          (p: ProvisionProgress) =>
            this.report(sessionId, 'provisioning', `Schritt ${p.step} von ${p.of}: ${p.stage}`),
        );
        await this.prepare(sessionId, lab, handle, options);
        await this.clusters.setStatus(cluster.id, 'assigned');
        if (!(await this.sessions.readyIfLive(sessionId, this.clock.now())))
          await this.release(cluster.id, sessionId);
        return;
      } catch (error) {
        lastError = error;
        this.logger.warn(
          `Creating ${cluster.name} failed (attempt ${attempt}/${CREATE_ATTEMPTS}): ${errorDetail(error)}`,
        );
        await driver.destroy(cluster.name, dockerEndpoint).catch(() => undefined);
      }
    }
    await this.clusters.setStatus(cluster.id, 'failed', errorDetail(lastError));
    this.slots.freed();
    const learnerMessage =
      lastError instanceof DriverError
        ? lastError.learnerMessage
        : 'Deine Umgebung konnte nicht erstellt werden. Bitte versuche es später noch einmal.';
    await this.sessions.transitionIfLive(sessionId, 'failed', learnerMessage);
  }

  /** Progress for the learner; losing one update is harmless, so it is not awaited. */
  private report(sessionId: string, status: 'queued' | 'provisioning', message: string): void {
    this.sessions
      .transitionIfLive(sessionId, status, message)
      .catch((e: unknown) => this.logger.warn(`Progress of ${sessionId} not stored: ${String(e)}`));
  }
}
