import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/adapters/clock.js';
import { AppConfigService } from '../../config/app-config.js';
import type { LabAvailabilityView } from '../../contract/lab.views.js';
import { CatalogAvailability } from '../../labs/catalog-availability.js';
import type { Lab } from '../../labs/lab.types.js';
import { LabsService } from '../../labs/labs.service.js';
import { EnvironmentDriversService } from '../environment-drivers.service.js';
import { reportOf, type PreflightReport } from '../preflight/preflight.types.js';
import { labAvailability, type LabAvailability } from './lab-availability.js';

/** How old the catalog's answer may be before a page view starts a fresh one in the background. */
export const AVAILABILITY_TTL_MS = 60_000;

export interface AvailabilitySnapshot {
  checkedAt: Date;
  byLab: ReadonlyMap<string, LabAvailability>;
}

/**
 * Which labs this server can run now, worked out from the drivers' preflight once for all
 * labs and page views: a view gets the last answer at once, and one older than a minute is
 * renewed in the background (stale while revalidating), so no page view waits for a preflight
 * except the very first.
 */
@Injectable()
export class LabAvailabilityService implements CatalogAvailability {
  private readonly logger = new Logger(LabAvailabilityService.name);
  private snapshot?: AvailabilitySnapshot;
  private pending?: Promise<AvailabilitySnapshot>;

  constructor(
    private readonly drivers: EnvironmentDriversService,
    private readonly labs: LabsService,
    private readonly config: AppConfigService,
    private readonly clock: Clock,
  ) {}

  async current(): Promise<AvailabilitySnapshot> {
    if (!this.snapshot) return this.renew();
    if (this.clock.now().getTime() - this.snapshot.checkedAt.getTime() > AVAILABILITY_TTL_MS) {
      this.renew().catch((error: unknown) =>
        this.logger.warn(`Lab availability not renewed: ${String(error)}`),
      );
    }
    return this.snapshot;
  }

  async forCatalog(): Promise<ReadonlyMap<string, LabAvailabilityView>> {
    const { byLab } = await this.current();
    return new Map(
      [...byLab].map(([id, a]) => [id, { available: a.available, reason: a.learnerReason }]),
    );
  }

  /** The catalog's answer for one lab: what a learner saw when they pressed „Starten“. */
  async of(lab: Lab): Promise<LabAvailability> {
    return (await this.current()).byLab.get(lab.id) ?? this.now(lab);
  }

  /**
   * From the driver's own preflight (which it caches briefly): what provisioning decides on.
   * A type without a driver (tests give only some) counts as disabled.
   */
  async now(lab: Lab): Promise<LabAvailability> {
    const enabled = this.config.get('KUBELAB_ENVIRONMENTS').includes(lab.environment);
    const driver = enabled ? this.drivers.all().find((d) => d.type === lab.environment) : undefined;
    const report = driver && (await driver.preflight().catch(failedPreflight));
    return labAvailability(lab, report, this.config.get('KUBELAB_MODE'));
  }

  /** Resolves once no renewal runs; tests wait on it. */
  async whenIdle(): Promise<void> {
    await this.pending?.catch(() => undefined);
  }

  /** One renewal at a time; callers during it share its answer. */
  private renew(): Promise<AvailabilitySnapshot> {
    this.pending ??= this.compute().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async compute(): Promise<AvailabilitySnapshot> {
    const labs = this.labs.list();
    const answers = await Promise.all(labs.map((lab) => this.now(lab)));
    const snapshot = {
      checkedAt: this.clock.now(),
      byLab: new Map(labs.map((lab, i) => [lab.id, answers[i]])),
    };
    this.logChanges(snapshot);
    this.snapshot = snapshot;
    return snapshot;
  }

  /** A lab that stops or starts being offered is worth a line in the operator's log. */
  private logChanges(next: AvailabilitySnapshot): void {
    for (const [id, a] of next.byLab) {
      const before = this.snapshot?.byLab.get(id);
      if (before?.available === a.available || (!before && a.available)) continue;
      if (a.available) this.logger.log(`Lab ${id} is available again`);
      else
        this.logger.warn(
          `Lab ${id} is not available on this server: ${a.blockers
            .map((b) => `${b.label}: ${b.problem ?? b.found ?? 'missing'}`)
            .join('; ')}`,
        );
    }
  }
}

/** A preflight that threw (a bug, not a missing tool): the labs wait, the log says why. */
function failedPreflight(error: unknown): PreflightReport {
  const problem = `preflight failed: ${error instanceof Error ? error.message : String(error)}`;
  return reportOf(
    [{ id: 'preflight', label: 'driver preflight', required: true, ok: false, problem }],
    new Date(),
  );
}
