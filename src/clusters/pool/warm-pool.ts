import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { errorDetail } from '../environment-driver.js';
import type { EnvironmentHandle } from '../environment-handle.js';
import { EnvironmentDriversService } from '../environment-drivers.service.js';
import type { EnvironmentRecord } from '../environments.repository.js';
import { CreationCancelled } from '../creation-queue.js';
import type { DockerEngine } from '../engines/docker-engines.js';
import { EngineLostError } from '../engines/engine-health.js';
import { EnvironmentLifecycle } from '../environment-lifecycle.js';
import { Clock } from '../../common/adapters/clock.js';
import { AppConfigService } from '../../config/app-config.js';
import type { Lab } from '../../labs/lab.types.js';
import { LabsService } from '../../labs/labs.service.js';
import { NETWORK_POLICY_PROOF, type NetworkPolicyProof } from './network-policy-proof.js';
import { poolProfiles, type PoolProfile } from './pool-profiles.js';
import { RefillBackoff } from './refill-backoff.js';
import { enforcementGap } from '../preflight/network-policy-gap.js';

const REFILL_DELAY_MS = 500;

/**
 * Keeps KUBELAB_POOL_SIZE bare environments ready per profile (the driver's `profileOf`) of the
 * labs in KUBELAB_POOL_LABS on every answering engine, so a learner skips the creation (a kind cluster takes about a
 * minute). Room comes from EnvironmentSlots: the pool books only when no learner waits, and gives
 * its idle environments up when one does. A cluster of a NetworkPolicy lab is handed out only
 * after it proved enforcement; failed creations back off per profile.
 */
@Injectable()
export class WarmPool implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(WarmPool.name);
  private readonly backoff: RefillBackoff;
  /** Pool creations still waiting for a creation turn: room that can be given back at no cost. */
  private readonly queued = new Map<string, EnvironmentRecord>();
  /** Profiles whose empty pool was already explained in the log. */
  private readonly unenforcedWarned = new Set<string>();
  private refilling?: Promise<void>;
  private refillTimer?: NodeJS.Timeout;
  private retryTimer?: NodeJS.Timeout;
  private again = false;
  private closed = false;

  constructor(
    private readonly labs: LabsService,
    private readonly drivers: EnvironmentDriversService,
    private readonly environments: EnvironmentLifecycle,
    private readonly config: AppConfigService,
    @Inject(NETWORK_POLICY_PROOF) private readonly proof: NetworkPolicyProof,
    clock: Clock,
  ) {
    this.backoff = new RefillBackoff(clock);
  }

  onModuleInit(): void {
    this.environments.onReclaim(() => this.reclaim());
    this.environments.onRoom(() => this.refillSoon());
  }

  /** A ready environment for this lab, or null; the pool refills in the background. */
  async take(lab: Lab): Promise<EnvironmentRecord | null> {
    const profile = this.drivers.profileOf(lab);
    if (!this.profiles().has(profile)) return null;
    const cluster = await this.environments.takePooled(profile);
    this.refillSoon();
    return cluster;
  }

  /**
   * Refills a moment after a take, so that a burst of learners (a class starting together)
   * is served first and the refill's database writes come after it, in one go.
   */
  private refillSoon(): void {
    if (this.refillTimer || this.closed) return;
    this.refillTimer = setTimeout(() => {
      this.refillTimer = undefined;
      this.refill();
    }, REFILL_DELAY_MS);
  }

  /** Starts a refill unless one runs; one that runs goes round once more. */
  refill(): void {
    if (this.closed) return;
    if (this.refilling) {
      this.again = true;
      return;
    }
    this.refilling = this.refillOnce()
      .catch((e: unknown) => this.logger.error(`Pool refill failed: ${String(e)}`))
      .finally(() => {
        this.refilling = undefined;
        if (this.again) {
          this.again = false;
          this.refill();
        }
      });
  }

  /** Runs a pending refill now and waits for it (tests, benchmarks). */
  async whenIdle(): Promise<void> {
    if (this.refillTimer) {
      clearTimeout(this.refillTimer);
      this.refillTimer = undefined;
      this.refill();
    }
    while (this.refilling) await this.refilling;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.refillTimer);
    clearTimeout(this.retryTimer);
    this.refillTimer = undefined;
    while (this.refilling) await this.refilling;
  }

  /** The pooled profiles, as the drivers define them. */
  private profiles(): Map<string, PoolProfile> {
    if (this.config.get('KUBELAB_POOL_SIZE') === 0) return new Map();
    const labs = this.config.get('KUBELAB_POOL_LABS').flatMap((id) => this.labs.find(id) ?? []);
    return poolProfiles(labs, (lab) => this.drivers.profileOf(lab));
  }

  private async refillOnce(): Promise<void> {
    const profiles = this.profiles();
    await this.retireStale([...profiles.keys()]);
    const creations: Promise<void>[] = [];
    for (const [profile, wanted] of profiles) {
      if (this.backoff.blocked(profile)) continue;
      if (wanted.proveNetworkPolicy && (await this.cannotEnforce(wanted, profile))) continue;
      // KUBELAB_POOL_SIZE on every answering engine: a lost engine takes only its own share.
      for (const engine of this.environments.engines()) {
        const missing =
          this.config.get('KUBELAB_POOL_SIZE') -
          (await this.environments.countPooled(profile, engine));
        for (let i = 0; i < missing; i++) {
          const creation = await this.startCreation(wanted, profile, engine);
          if (!creation) break;
          creations.push(creation.done);
        }
      }
    }
    await Promise.all(creations);
    this.retryAfterBackoff();
  }

  /**
   * A NetworkPolicy lab's pool is not filled where preflight already knows that policies are not
   * enforced (kind too old, kernel without nftables queue): every cluster would fail its proof.
   */
  private async cannotEnforce(wanted: PoolProfile, profile: string): Promise<boolean> {
    const { lab } = wanted;
    if (lab.environment !== 'kind' || lab.cluster.disableDefaultCNI) return false;
    const gap = enforcementGap(await this.drivers.for(lab.environment).preflight());
    if (!gap) return false;
    if (!this.unenforcedWarned.has(profile)) {
      this.unenforcedWarned.add(profile);
      this.logger.warn(
        `Pool for lab ${lab.id} stays empty: NetworkPolicy is not enforced on this host (${gap.label}: ${gap.found ?? 'no'}). ${gap.problem ?? ''}`,
      );
    }
    return true;
  }

  /** Books a row if there is room (so counts see it), then creates through the shared queue. */
  private async startCreation(
    wanted: PoolProfile,
    profile: string,
    engine: DockerEngine,
  ): Promise<{ done: Promise<void> } | null> {
    const cluster = await this.environments.bookForPool(wanted.lab, engine);
    if (!cluster) return null;
    this.queued.set(cluster.id, cluster);
    const done = this.environments
      .create(cluster, wanted.lab, {
        queueId: queueIdOf(cluster),
        attempts: 1,
        begin: () => Promise.resolve(this.queued.delete(cluster.id)),
      })
      .then(
        (handle) => (handle ? this.admit(cluster, handle, wanted, profile) : undefined),
        (error: unknown) => this.failed(cluster, error, wanted, profile),
      );
    return { done };
  }

  /** Into the pool, after a NetworkPolicy lab's cluster proved that policies are enforced. */
  private async admit(
    cluster: EnvironmentRecord,
    handle: EnvironmentHandle,
    wanted: PoolProfile,
    profile: string,
  ): Promise<void> {
    try {
      if (wanted.proveNetworkPolicy) {
        const proof = await this.proof.prove(handle);
        if (!proof.enforced) {
          this.reportUnenforced(cluster, wanted, profile, proof.detail);
          await this.environments.discard(cluster, proof.detail);
          return;
        }
      }
      await this.environments.admitToPool(cluster);
      this.backoff.succeeded(profile);
    } catch (error) {
      this.failed(cluster, error, wanted, profile);
      await this.environments.discard(cluster, errorDetail(error));
    }
  }

  /** The creation (or its proof) failed; a failed creation's row says so already. The profile backs off. */
  private failed(
    cluster: EnvironmentRecord,
    error: unknown,
    wanted: PoolProfile,
    profile: string,
  ): void {
    // Reclaimed before it started, or its engine was lost: nothing wrong with the profile.
    if (error instanceof CreationCancelled || error instanceof EngineLostError) return;
    const minutes = Math.round(this.backoff.failed(profile) / 60_000);
    this.logger.warn(
      `Pool creation of ${cluster.name} (lab ${wanted.lab.id}) failed: ${errorDetail(error)}; next attempt for this profile in ${minutes} min`,
    );
  }

  private reportUnenforced(
    cluster: EnvironmentRecord,
    wanted: PoolProfile,
    profile: string,
    detail: string,
  ): void {
    const minutes = Math.round(this.backoff.failed(profile) / 60_000);
    this.logger.warn(
      `Pool cluster ${cluster.name} (lab ${wanted.lab.id}) does not enforce NetworkPolicy: ${detail}. ` +
        `It is destroyed and not handed out; the next pool attempt for this profile is in ${minutes} min. ` +
        'Check the CNI: kind >= v0.24 (kindnet enforces NetworkPolicy) or a lab that installs its own (disableDefaultCNI).',
    );
  }

  /** Once the first backed-off profile may try again, refill (creations never loop meanwhile). */
  private retryAfterBackoff(): void {
    const wait = this.backoff.nextRetryInMs();
    if (wait === undefined || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.refill();
    }, wait);
    this.retryTimer.unref();
  }

  /**
   * Ready clusters of profiles no longer pooled go: the lab list changed, or the driver's
   * configuration did (e.g. another node image), so nobody can be handed them.
   */
  private async retireStale(keep: string[]): Promise<void> {
    await this.environments.retireIdle(keep, 'its profile is no longer pooled');
  }

  /** Gives one environment's room to a waiting learner: a creation not yet started, else the oldest ready. */
  private async reclaim(): Promise<boolean> {
    for (const cluster of this.queued.values()) {
      if (!(await this.environments.cancelCreation(queueIdOf(cluster), cluster))) continue;
      this.queued.delete(cluster.id);
      this.logger.log(`Pool creation of ${cluster.name} cancelled: a learner needs the room`);
      return true;
    }
    return this.environments.reclaimIdle('a learner needs the room');
  }
}

function queueIdOf(cluster: EnvironmentRecord): string {
  return `pool-${cluster.id}`;
}
