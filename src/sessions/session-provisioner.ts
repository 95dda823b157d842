import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  DriverError,
  errorDetail,
  type ProvisionProgress,
} from '../clusters/environment-driver.js';
import type { EnvironmentHandle } from '../clusters/environment-handle.js';
import { EnvironmentDriversService } from '../clusters/environment-drivers.service.js';
import { LabAvailabilityService } from '../clusters/availability/lab-availability.service.js';
import { SlotWaitCancelled } from '../clusters/environment-slots.js';
import type { EnvironmentRecord } from '../clusters/environments.repository.js';
import { EnvironmentLifecycle } from '../clusters/environment-lifecycle.js';
import { EngineHealth, EngineLostError } from '../clusters/engines/engine-health.js';
import type { Lab } from '../labs/lab.types.js';
import { LabSetupService } from './lab-setup.service.js';
import { SessionAccessService } from './access/session-access.service.js';
import { SessionLifecycle } from './session-lifecycle.js';
import { WarmPool } from '../clusters/pool/warm-pool.js';
import { SessionsRepository } from './sessions.repository.js';
import { LIVE_STATUSES } from './session.types.js';

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

  constructor(
    private readonly drivers: EnvironmentDriversService,
    private readonly environments: EnvironmentLifecycle,
    private readonly sessions: SessionsRepository,
    private readonly lifecycle: SessionLifecycle,
    private readonly setup: LabSetupService,
    private readonly pool: WarmPool,
    private readonly availability: LabAvailabilityService,
    private readonly access: SessionAccessService,
    private readonly health: EngineHealth,
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
      await this.environments.whenAdmissionsIdle();
      if (this.pending.size === 0) return;
      await Promise.allSettled([...this.pending]);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    // Sessions waiting for room stay queued; the start-up reconciliation restarts them.
    this.environments.cancelAllWaits();
    await this.whenIdle();
  }

  private async provision(sessionId: string, lab: Lab, options: ProvisionOptions): Promise<void> {
    const { available, learnerReason } = await this.availability.now(lab);
    if (!available) {
      await this.lifecycle.advance(sessionId, 'unavailable', learnerReason);
      return;
    }
    if (await this.fromPool(sessionId, lab, options)) return;
    // Waiting for room may take long: the wait is not tracked work, what follows it is.
    this.environments
      .book(
        sessionId,
        lab,
        () => this.isLive(sessionId),
        (position) =>
          this.report(
            sessionId,
            'queued',
            `Alle Übungsumgebungen sind gerade belegt. Du bist an Position ${position} der Warteschlange.`,
          ),
      )
      .then(
        (cluster) => {
          if (cluster) this.track(sessionId, this.create(sessionId, lab, cluster, options));
        },
        (error: unknown) => {
          if (!(error instanceof SlotWaitCancelled))
            this.logger.error(`Waiting for room for ${sessionId} failed: ${String(error)}`);
        },
      );
  }

  private async isLive(sessionId: string): Promise<boolean> {
    const session = await this.sessions.findById(sessionId);
    return !!session && LIVE_STATUSES.includes(session.status);
  }

  /** A warm cluster skips the creation; if its setup fails it is dropped and a fresh one made. */
  private async fromPool(sessionId: string, lab: Lab, options: ProvisionOptions): Promise<boolean> {
    const cluster = await this.pool.take(lab);
    if (!cluster) return false;
    try {
      await this.lifecycle.attach(sessionId, cluster.id);
      this.report(sessionId, 'provisioning', 'Deine Umgebung wird eingerichtet …');
      const handle = await this.drivers
        .for(lab.environment)
        .handle(cluster.name, cluster.dockerEndpoint);
      await this.health.whileUp(
        cluster.dockerEndpoint,
        this.prepare(sessionId, lab, handle, options),
      );
      if (!(await this.lifecycle.ready(sessionId)))
        await this.lifecycle.release(sessionId, cluster.id);
      return true;
    } catch (error) {
      this.logger.warn(`Pooled ${cluster.name} could not be prepared: ${errorDetail(error)}`);
      await this.lifecycle.release(sessionId, cluster.id);
      await this.lifecycle.attach(sessionId, null);
      return false;
    }
  }

  /** Lab setup, the learner's access (shared mode), then the replay of passed steps on resume. */
  private async prepare(
    sessionId: string,
    lab: Lab,
    handle: EnvironmentHandle,
    options: ProvisionOptions,
  ): Promise<void> {
    await this.setup.apply(lab, handle);
    await this.access.prepare(sessionId, lab, handle);
    if (options.replay?.length) {
      this.report(
        sessionId,
        'provisioning',
        'Deine bisherigen Schritte werden wiederhergestellt …',
      );
      await this.setup.replay(lab, handle, options.replay);
    }
  }

  private async create(
    sessionId: string,
    lab: Lab,
    cluster: EnvironmentRecord,
    options: ProvisionOptions,
  ): Promise<void> {
    let handle: EnvironmentHandle | null;
    try {
      handle = await this.environments.create(cluster, lab, {
        queueId: sessionId,
        attempts: CREATE_ATTEMPTS,
        onPosition: (position) =>
          this.report(sessionId, 'queued', `Du bist an Position ${position} der Warteschlange.`),
        onProgress: (p: ProvisionProgress) =>
          this.report(sessionId, 'provisioning', `Schritt ${p.step} von ${p.of}: ${p.stage}`),
        // Ended while waiting for its turn: the booked room is given back, nothing is made.
        begin: async () => {
          const live = await this.lifecycle.advance(
            sessionId,
            'provisioning',
            'Die Umgebung wird vorbereitet …',
          );
          if (live) await this.lifecycle.attach(sessionId, cluster.id);
          return live;
        },
        prepare: (made) => this.prepare(sessionId, lab, made, options),
      });
    } catch (error) {
      const learnerMessage =
        error instanceof DriverError
          ? error.learnerMessage
          : 'Deine Umgebung konnte nicht erstellt werden. Bitte versuche es später noch einmal.';
      // A lost engine is no failure of the lab: the session waits for „Fortsetzen“ elsewhere.
      const status = error instanceof EngineLostError ? 'unavailable' : 'failed';
      await this.lifecycle.advance(sessionId, status, learnerMessage);
      return;
    }
    if (!handle) return;
    await this.environments.assign(cluster);
    if (!(await this.lifecycle.ready(sessionId)))
      await this.lifecycle.release(sessionId, cluster.id);
  }

  /** Progress for the learner; losing one update is harmless, so it is not awaited. */
  private report(sessionId: string, status: 'queued' | 'provisioning', message: string): void {
    this.lifecycle
      .advance(sessionId, status, message)
      .catch((e: unknown) => this.logger.warn(`Progress of ${sessionId} not stored: ${String(e)}`));
  }
}
