import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DriverError } from '../clusters/cluster-driver.js';
import { ClusterDriversService } from '../clusters/cluster-drivers.service.js';
import { ClustersRepository, type ClusterRecord } from '../clusters/clusters.repository.js';
import { CreationQueue } from '../clusters/creation-queue.js';
import { newId, newShortId } from '../common/ids.js';
import { AppConfigService } from '../config/app-config.js';
import type { Lab } from '../labs/lab.types.js';
import { LabsService } from '../labs/labs.service.js';
import { profileHash } from './profile-hash.js';

const REFILL_DELAY_MS = 500;

/**
 * Keeps KUBELAB_POOL_SIZE bare environments ready per profile of the labs in KUBELAB_POOL_LABS,
 * so a learner skips the creation (a kind cluster takes about a minute). Pool creations share
 * the creation queue with learners, whose jobs are never pushed back by refills already queued.
 */
@Injectable()
export class WarmPool implements OnApplicationShutdown {
  private readonly logger = new Logger(WarmPool.name);
  private refilling?: Promise<void>;
  private refillTimer?: NodeJS.Timeout;
  private again = false;

  constructor(
    private readonly labs: LabsService,
    private readonly drivers: ClusterDriversService,
    private readonly clusters: ClustersRepository,
    private readonly queue: CreationQueue,
    private readonly config: AppConfigService,
  ) {}

  /** A ready environment for this lab, or null; the pool refills in the background. */
  async take(lab: Lab): Promise<ClusterRecord | null> {
    if (!this.pooledLabs().some((l) => profileHash(l) === profileHash(lab))) return null;
    const cluster = await this.clusters.claimReady(profileHash(lab));
    this.refillSoon();
    return cluster;
  }

  /**
   * Refills a moment after a take, so that a burst of learners (a class starting together)
   * is served first and the refill's database writes come after it, in one go.
   */
  private refillSoon(): void {
    if (this.refillTimer) return;
    this.refillTimer = setTimeout(() => {
      this.refillTimer = undefined;
      this.refill();
    }, REFILL_DELAY_MS);
  }

  /** Starts a refill unless one runs; one that runs goes round once more. */
  refill(): void {
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
    clearTimeout(this.refillTimer);
    this.refillTimer = undefined;
    while (this.refilling) await this.refilling;
  }

  private pooledLabs(): Lab[] {
    if (this.config.get('KUBELAB_POOL_SIZE') === 0) return [];
    const ids = this.config.get('KUBELAB_POOL_LABS');
    return ids.flatMap((id) => this.labs.find(id) ?? []);
  }

  private async refillOnce(): Promise<void> {
    const byProfile = new Map(this.pooledLabs().map((lab) => [profileHash(lab), lab]));
    const creations: Promise<void>[] = [];
    for (const [profile, lab] of byProfile) {
      const missing =
        this.config.get('KUBELAB_POOL_SIZE') - (await this.clusters.countPool(profile));
      for (let i = 0; i < missing; i++) {
        if ((await this.clusters.countAlive()) >= this.config.get('KUBELAB_MAX_CLUSTERS')) break;
        creations.push((await this.startCreation(lab, profile)).done);
      }
    }
    await Promise.all(creations);
  }

  /** Books the row at once (so counts see it), then creates through the shared queue. */
  private async startCreation(lab: Lab, profile: string): Promise<{ done: Promise<void> }> {
    const driver = this.drivers.for(lab.environment);
    const dockerEndpoint = this.config.get('KUBELAB_DOCKER_HOST');
    const cluster = await this.clusters.create({
      id: newId(),
      name: `kl-${newShortId()}`,
      driver: driver.type,
      status: 'pooling',
      dockerEndpoint,
      profileHash: profile,
    });
    const done = this.queue
      .run(`pool-${cluster.id}`, () =>
        driver.create({
          name: cluster.name,
          cluster: lab.cluster,
          container: lab.container,
          dockerEndpoint,
        }),
      )
      .then(
        () => this.clusters.setStatus(cluster.id, 'ready'),
        async (error: unknown) => {
          const detail =
            error instanceof DriverError
              ? `${error.message}\n${error.detail ?? ''}`
              : String(error);
          this.logger.warn(`Pool creation of ${cluster.name} failed: ${detail}`);
          await driver.destroy(cluster.name, dockerEndpoint).catch(() => undefined);
          await this.clusters.setStatus(cluster.id, 'failed', detail);
        },
      );
    return { done };
  }
}
