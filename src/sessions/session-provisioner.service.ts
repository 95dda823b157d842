import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  DriverError,
  type ClusterDriver,
  type ProvisionProgress,
} from '../clusters/cluster-driver.js';
import { ClusterDriversService } from '../clusters/cluster-drivers.service.js';
import { ClustersRepository } from '../clusters/clusters.repository.js';
import { newId, newShortId } from '../common/ids.js';
import { AppConfigService } from '../config/app-config.js';
import type { Lab } from '../labs/lab.types.js';
import { LabSetupService } from './lab-setup.service.js';
import { SessionsRepository } from './sessions.repository.js';
import { unavailableMessage } from './unavailable-message.js';

const CREATE_ATTEMPTS = 2;

/**
 * Gets an environment for a session in the background: preflight, create (retried once),
 * and on failure removes whatever was half made. Failure is a session state, never a crash.
 */
@Injectable()
export class SessionProvisioner implements OnApplicationShutdown {
  private readonly logger = new Logger(SessionProvisioner.name);
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly drivers: ClusterDriversService,
    private readonly clusters: ClustersRepository,
    private readonly sessions: SessionsRepository,
    private readonly config: AppConfigService,
    private readonly setup: LabSetupService,
  ) {}

  start(sessionId: string, lab: Lab): void {
    const task = this.provision(sessionId, lab)
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

  /** Frees the session's environment; errors are logged and the cluster row says `failed`. */
  async release(clusterId: string | null): Promise<void> {
    if (!clusterId) return;
    const cluster = await this.clusters.findById(clusterId);
    if (!cluster || cluster.status === 'deleted') return;
    await this.clusters.setStatus(cluster.id, 'deleting');
    try {
      await this.drivers
        .for(cluster.driver as ClusterDriver['type'])
        .destroy(cluster.name, cluster.dockerEndpoint);
      await this.clusters.setStatus(cluster.id, 'deleted');
    } catch (error) {
      this.logger.error(`Deleting ${cluster.name} failed: ${String(error)}`);
      await this.clusters.setStatus(cluster.id, 'failed', describe(error));
    }
  }

  private reportProgress(sessionId: string, p: ProvisionProgress): void {
    this.sessions
      .transitionIfLive(sessionId, 'provisioning', `Schritt ${p.step} von ${p.of}: ${p.stage}`)
      .catch((e: unknown) => this.logger.warn(`Progress of ${sessionId} not stored: ${String(e)}`));
  }

  private async provision(sessionId: string, lab: Lab): Promise<void> {
    const driver = this.drivers.for(lab.environment);
    if (
      !(await this.sessions.transitionIfLive(
        sessionId,
        'provisioning',
        'Die Umgebung wird vorbereitet …',
      ))
    )
      return;

    const report = await driver.preflight();
    if (!report.ok) {
      await this.sessions.transitionIfLive(sessionId, 'unavailable', unavailableMessage(report));
      return;
    }

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
          (p) => this.reportProgress(sessionId, p),
        );
        await this.setup.apply(lab, handle);
        await this.clusters.setStatus(cluster.id, 'assigned');
        if (!(await this.sessions.transitionIfLive(sessionId, 'ready', null)))
          await this.release(cluster.id);
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
}

/** Environments with the same profile are interchangeable (the warm pool keys on this). */
function profileHash(lab: Lab): string {
  const profile =
    lab.environment === 'container' ? { container: lab.container ?? {} } : { cluster: lab.cluster };
  return createHash('sha256')
    .update(JSON.stringify({ environment: lab.environment, ...profile }))
    .digest('hex');
}

function describe(error: unknown): string {
  if (error instanceof DriverError) return [error.message, error.detail].filter(Boolean).join('\n');
  return error instanceof Error ? error.message : String(error);
}
