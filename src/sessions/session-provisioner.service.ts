import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  DriverError,
  type ClusterDriver,
  type EnvironmentType,
  type ProvisionProgress,
} from '../clusters/cluster-driver.js';
import type { ClusterHandle } from '../clusters/cluster-handle.js';
import { ClusterDriversService } from '../clusters/cluster-drivers.service.js';
import type { ClusterRecord } from '../clusters/clusters.repository.js';
import { ClustersRepository } from '../clusters/clusters.repository.js';
import { CreationQueue } from '../clusters/creation-queue.js';
import { EnvironmentHooks } from '../clusters/environment-hooks.js';
import { newId, newShortId } from '../common/ids.js';
import { AppConfigService } from '../config/app-config.js';
import type { Lab } from '../labs/lab.types.js';
import { LabSetupService } from './lab-setup.service.js';
import { profileHash } from './profile-hash.js';
import { WarmPool } from './warm-pool.service.js';
import { SessionsRepository } from './sessions.repository.js';
import { unavailableMessage } from './unavailable-message.js';
import type { PreflightReport } from '../clusters/preflight/preflight.types.js';

const CREATE_ATTEMPTS = 2;

export interface ProvisionOptions {
  /** Steps whose reference solutions are replayed after setup ("Fortsetzen"). */
  replay?: string[];
}

/**
 * Gets an environment for a session in the background: preflight, a place in the creation
 * queue (the learner sees their position), create (retried once), lab setup, replay of passed
 * steps; on failure whatever was half made is removed. Failure is a session state, never a crash.
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
    private readonly pool: WarmPool,
    private readonly hooks: EnvironmentHooks,
  ) {}

  start(sessionId: string, lab: Lab, options: ProvisionOptions = {}): void {
    const task = this.provision(sessionId, lab, options)
      .catch((error: unknown) =>
        this.logger.error(`Provisioning ${sessionId} crashed: ${String(error)}`),
      )
      .finally(() => this.pending.delete(task));
    this.pending.add(task);
  }

  /** Resolves when no provisioning runs; tests and shutdown wait on it. */
  async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.whenIdle();
  }

  /**
   * Frees an environment; errors are logged and the cluster row says `failed`. With the
   * session's id, what hangs on the environment (its terminals) is closed first.
   */
  async release(clusterId: string | null, sessionId?: string): Promise<void> {
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
      await this.clusters.setStatus(cluster.id, 'failed', describe(error));
    }
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
    await this.queue.run(
      sessionId,
      () => this.createFor(sessionId, lab, driver, options),
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
      if (!(await this.sessions.transitionIfLive(sessionId, 'ready', null)))
        await this.release(cluster.id, sessionId);
      return true;
    } catch (error) {
      this.logger.warn(`Pooled ${cluster.name} could not be prepared: ${describe(error)}`);
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
    options: ProvisionOptions,
  ): Promise<void> {
    if (
      !(await this.sessions.transitionIfLive(
        sessionId,
        'provisioning',
        'Die Umgebung wird vorbereitet …',
      ))
    )
      return;
    const dockerEndpoint = this.config.get('KUBELAB_DOCKER_HOST');
    const cluster = await this.clusters.create({
      id: newId(),
      name: `kl-${newShortId()}`,
      driver: driver.type,
      status: 'creating',
      dockerEndpoint,
      profileHash: profileHash(lab),
    });
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
        if (!(await this.sessions.transitionIfLive(sessionId, 'ready', null)))
          await this.release(cluster.id, sessionId);
        return;
      } catch (error) {
        lastError = error;
        this.logger.warn(
          `Creating ${cluster.name} failed (attempt ${attempt}/${CREATE_ATTEMPTS}): ${describe(error)}`,
        );
        await driver.destroy(cluster.name, dockerEndpoint).catch(() => undefined);
      }
    }
    await this.clusters.setStatus(cluster.id, 'failed', describe(lastError));
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

/**
 * A lab that teaches NetworkPolicy must run where policies are enforced: kindnet does so from
 * kind v0.24; below that only a lab that brings its own CNI (`disableDefaultCNI`) may run.
 */
function networkPolicyGap(lab: Lab, report: PreflightReport): string | undefined {
  if (lab.environment !== 'kind' || !lab.cluster.networkPolicy || lab.cluster.disableDefaultCNI)
    return undefined;
  const enforcement = report.items.find((i) => i.id === 'kind-network-policy');
  if (!enforcement || enforcement.ok) return undefined;
  return `Diese Übung braucht NetworkPolicies, die wirklich durchgesetzt werden. ${enforcement.problemDe ?? ''} Bitte gib der Kursleitung Bescheid. So lässt es sich beheben: ${enforcement.fixDe ?? ''}`.trim();
}

function describe(error: unknown): string {
  if (error instanceof DriverError) return [error.message, error.detail].filter(Boolean).join('\n');
  return error instanceof Error ? error.message : String(error);
}
