import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { EnvironmentDriversService } from '../clusters/environment-drivers.service.js';
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
  ) {}

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

  /** Start-up reconciliation between what Docker has and what the database says. */
  async reconcile(): Promise<void> {
    const live = await this.sessions.findLiveAll();
    const owned = new Set(
      live.filter((s) => s.status === 'ready').flatMap((s) => (s.cluster ? [s.cluster.name] : [])),
    );
    const existing = new Set<string>();
    // Only what a driver could list is judged: Docker being down must not expire every session.
    const listedTypes = new Set<string>();
    for (const driver of this.drivers.all()) {
      let listed;
      try {
        listed = await driver.list(this.config.get('KUBELAB_DOCKER_HOST'));
      } catch (error) {
        this.logger.warn(`Cannot list ${driver.type} environments: ${String(error)}`);
        continue;
      }
      listedTypes.add(driver.type);
      for (const { name, dockerEndpoint } of listed) {
        existing.add(name);
        if (owned.has(name) || isLabTestCluster(name)) continue;
        this.logger.log(`Deleting ${name}: no live session owns it`);
        await driver
          .destroy(name, dockerEndpoint)
          .catch((e: unknown) => this.logger.error(`Deleting ${name} failed: ${String(e)}`));
      }
    }
    const judged = live.filter((s) => !s.cluster || listedTypes.has(s.cluster.driver));
    for (const session of judged.filter((s) => s.status === 'ready'))
      await this.recoverReady(session, existing);
    for (const cluster of await this.clusters.findActive()) {
      const gone = !owned.has(cluster.name) || !existing.has(cluster.name);
      if (listedTypes.has(cluster.driver) && gone) await this.environments.forget(cluster);
    }
    await this.removeLeakedNetworks();
    // Last, so the new clusters these creations make are not judged above.
    for (const session of judged.filter((s) => s.status !== 'ready'))
      await this.restartCreation(session);
  }

  /**
   * A crash between making a container environment's network and its container leaks the
   * network, and Docker has room for only about 30. A network of this instance whose name no
   * active cluster row holds goes. The rows are read after the networks are listed: a creation
   * running meanwhile writes its row before its network, so its network is never taken for one.
   */
  private async removeLeakedNetworks(): Promise<void> {
    const endpoint = this.config.get('KUBELAB_DOCKER_HOST');
    const active = async () => new Set((await this.clusters.findActive()).map((c) => c.name));
    for (const driver of this.drivers.all()) {
      if (!driver.removeLeakedNetworks) continue;
      try {
        const removed = await driver.removeLeakedNetworks(endpoint, active);
        if (removed.length > 0)
          this.logger.log(`Deleted networks no environment uses: ${removed.join(', ')}`);
      } catch (error) {
        this.logger.warn(`Cannot clean up ${driver.type} networks: ${String(error)}`);
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
