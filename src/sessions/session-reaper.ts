import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { EnvironmentDriver } from '../clusters/environment-driver.js';
import { EnvironmentDriversService } from '../clusters/environment-drivers.service.js';
import { dockerEnginesOf, type DockerEngines } from '../clusters/engines/docker-engines.js';
import { EnvironmentsRepository } from '../clusters/environments.repository.js';
import { isLabTestCluster } from '../clusters/kind/kind-cluster-name.js';
import { EnvironmentLifecycle } from '../clusters/environment-lifecycle.js';
import { Clock } from '../common/adapters/clock.js';
import { AppConfigService } from '../config/app-config.js';
import { LabsService } from '../labs/labs.service.js';
import { SessionLifecycle } from './session-lifecycle.js';
import { SessionProvisioner } from './session-provisioner.js';
import { StoppedEnvironments } from './stopped-environments.js';
import { WarmPool } from '../clusters/pool/warm-pool.js';
import type { SessionRecord } from './session.types.js';
import { SessionsRepository } from './sessions.repository.js';

export const MESSAGES = {
  maxLifetime:
    'Die maximale Laufzeit ist abgelaufen. Dein Fortschritt bleibt gespeichert – mit „Fortsetzen“ machst du weiter.',
  idle: 'Deine Sitzung war zu lange inaktiv und wurde beendet. Dein Fortschritt bleibt gespeichert – mit „Fortsetzen“ machst du weiter.',
  vanished:
    'Deine Umgebung ist nicht mehr vorhanden. Dein Fortschritt bleibt gespeichert – mit „Fortsetzen“ bekommst du eine neue.',
};

/**
 * Ends sessions past their lifetime or idle timeout and deletes their environments; each sweep
 * also notices environments that stopped running. At start-up, deletes every environment no
 * live session owns (and networks a crash left without one) and restarts creations a crash
 * interrupted. Progress lives in the database and is never touched here.
 */
@Injectable()
export class SessionReaper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SessionReaper.name);
  private readonly engines: DockerEngines;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly clusters: EnvironmentsRepository,
    private readonly drivers: EnvironmentDriversService,
    private readonly environments: EnvironmentLifecycle,
    private readonly lifecycle: SessionLifecycle,
    private readonly provisioner: SessionProvisioner,
    private readonly labs: LabsService,
    private readonly clock: Clock,
    private readonly config: AppConfigService,
    private readonly pool: WarmPool,
    private readonly stopped: StoppedEnvironments,
  ) {
    this.engines = dockerEnginesOf(config);
  }

  onApplicationBootstrap(): void {
    const first = this.config.get('KUBELAB_RECONCILE') ? this.reconcile() : Promise.resolve();
    this.running = first
      .then(() => this.pool.refill())
      .then(() => this.reapOnce())
      .then(() => undefined)
      .catch((e: unknown) => this.logger.error(`Start-up clean-up failed: ${String(e)}`));
    this.timer = setInterval(
      () => this.tick(),
      this.config.get('KUBELAB_REAPER_INTERVAL_SECONDS') * 1000,
    );
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Resolves when the start-up clean-up and any running pass are done. */
  async whenIdle(): Promise<void> {
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.reapOnce()
      .then(() => undefined)
      .catch((e: unknown) => this.logger.error(`Reaper pass failed: ${String(e)}`))
      .finally(() => (this.running = undefined));
  }

  /**
   * One pass: expires due sessions, makes those whose environment stopped running unavailable,
   * and frees their environments; returns how many ended.
   */
  async reapOnce(): Promise<number> {
    const now = this.clock.now();
    const idleSince = new Date(now.getTime() - this.config.get('KUBELAB_IDLE_MINUTES') * 60_000);
    const due = await this.sessions.findDue(now, idleSince);
    for (const session of due) {
      const message = session.expiresAt <= now ? MESSAGES.maxLifetime : MESSAGES.idle;
      if (await this.lifecycle.expire(session, message))
        this.logger.log(
          `Session ${session.id} expired (${session.expiresAt <= now ? 'lifetime' : 'idle'})`,
        );
    }
    return due.length + (await this.stopped.sweep());
  }

  /**
   * Start-up reconciliation between what each engine has and what the database says. Only what
   * a driver could list on an engine is judged: an engine being down must not expire its sessions
   * (if it stays down, EngineHealth declares it lost).
   */
  async reconcile(): Promise<void> {
    const live = await this.sessions.findLiveAll();
    const owned = new Set(
      live.filter((s) => s.status === 'ready').flatMap((s) => (s.cluster ? [s.cluster.name] : [])),
    );
    const existing = new Set<string>();
    const listed = new Set<string>();
    for (const endpoint of await this.endpointsInUse(live))
      for (const driver of this.drivers.all()) {
        const names = await this.listOn(driver, endpoint);
        if (!names) continue;
        listed.add(whereKey(driver.type, endpoint));
        for (const name of names) {
          existing.add(name);
          if (owned.has(name) || isLabTestCluster(name)) continue;
          this.logger.log(
            `Deleting ${name} on engine ${this.engines.nameOf(endpoint)}: no live session owns it`,
          );
          await driver
            .destroy(name, endpoint)
            .catch((e: unknown) => this.logger.error(`Deleting ${name} failed: ${String(e)}`));
        }
      }
    const judged = live.filter(
      (s) => !s.cluster || listed.has(whereKey(s.cluster.driver, s.cluster.dockerEndpoint)),
    );
    for (const session of judged.filter((s) => s.status === 'ready'))
      await this.recoverReady(session, existing);
    for (const cluster of await this.clusters.findActive()) {
      const gone = !owned.has(cluster.name) || !existing.has(cluster.name);
      if (listed.has(whereKey(cluster.driver, cluster.dockerEndpoint)) && gone)
        await this.environments.forget(cluster);
    }
    await this.removeLeakedNetworks();
    // Last, so the new clusters these creations make are not judged above.
    for (const session of judged.filter((s) => s.status !== 'ready'))
      await this.restartCreation(session);
  }

  /** The configured engines, and any other endpoint a row still names (an older configuration). */
  private async endpointsInUse(live: SessionRecord[]): Promise<string[]> {
    const endpoints = new Set(this.engines.all().map((engine) => engine.endpoint));
    for (const session of live) if (session.cluster) endpoints.add(session.cluster.dockerEndpoint);
    for (const cluster of await this.clusters.findActive()) endpoints.add(cluster.dockerEndpoint);
    return [...endpoints];
  }

  private async listOn(driver: EnvironmentDriver, endpoint: string): Promise<string[] | null> {
    try {
      return (await driver.list(endpoint)).map((environment) => environment.name);
    } catch (error) {
      this.logger.warn(`Cannot list ${driver.type} environments on ${endpoint}: ${String(error)}`);
      return null;
    }
  }

  /**
   * A crash between making a container environment's network and its container leaks the
   * network, and Docker has room for only about 30. A network of this instance whose name no
   * active cluster row holds goes. The rows are read after the networks are listed: a creation
   * running meanwhile writes its row before its network, so its network is never taken for one.
   */
  private async removeLeakedNetworks(): Promise<void> {
    const active = async () => new Set((await this.clusters.findActive()).map((c) => c.name));
    for (const engine of this.engines.all())
      for (const driver of this.drivers.all()) {
        if (!driver.removeLeakedNetworks) continue;
        try {
          const removed = await driver.removeLeakedNetworks(engine.endpoint, active);
          if (removed.length > 0)
            this.logger.log(
              `Deleted networks no environment uses on engine ${engine.name}: ${removed.join(', ')}`,
            );
        } catch (error) {
          this.logger.warn(
            `Cannot clean up ${driver.type} networks on ${engine.name}: ${String(error)}`,
          );
        }
      }
  }

  private async recoverReady(session: SessionRecord, existing: Set<string>): Promise<void> {
    if (session.cluster && existing.has(session.cluster.name)) return;
    // Whatever is left of it (a network, a kubeconfig) goes too.
    await this.lifecycle.expire(session, MESSAGES.vanished);
  }

  /** A crash interrupted this session's creation; what was half made is gone now. */
  private async restartCreation(session: SessionRecord): Promise<void> {
    const lab = this.labs.find(session.labId);
    if (!lab) {
      await this.lifecycle.advance(session.id, 'failed', 'Diese Übung gibt es nicht mehr.');
      return;
    }
    await this.lifecycle.attach(session.id, null);
    const replay = session.steps.filter((s) => s.passedAt).map((s) => s.stepId);
    this.provisioner.start(session.id, lab, { replay });
  }
}

function whereKey(driver: string, endpoint: string): string {
  return `${driver} ${endpoint}`;
}
