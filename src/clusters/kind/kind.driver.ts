import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/adapters/clock.js';
import { AppConfigService } from '../../config/app-config.js';
import type { ClusterHandle } from '../cluster-handle.js';
import { DriverError, type ClusterDriver, type ClusterInfo } from '../cluster-driver.js';
import { probeDocker } from '../preflight/docker.probe.js';
import { probeDisk, probeInotify } from '../preflight/host-limits.probe.js';
import { probeKind } from '../preflight/kind.probe.js';
import { reportOf, type PreflightReport } from '../preflight/preflight.types.js';

const PREFLIGHT_TTL_MS = 15_000;

/**
 * kind clusters, one per learner session. This version answers `preflight()`; creating,
 * listing and deleting clusters is the clusters issue (#3) and reports itself as missing.
 */
@Injectable()
export class KindDriver implements ClusterDriver {
  readonly type = 'kind' as const;
  private cached?: { at: number; report: Promise<PreflightReport> };

  constructor(
    private readonly config: AppConfigService,
    private readonly clock: Clock,
  ) {}

  preflight(): Promise<PreflightReport> {
    const now = this.clock.now().getTime();
    if (!this.cached || now - this.cached.at > PREFLIGHT_TTL_MS) {
      this.cached = { at: now, report: this.runPreflight() };
    }
    return this.cached.report;
  }

  private async runPreflight(): Promise<PreflightReport> {
    const [docker, kind] = await Promise.all([
      probeDocker(this.config.get('KUBELAB_DOCKER_HOST')),
      probeKind(this.config.get('KUBELAB_KIND_BIN')),
    ]);
    return reportOf(
      [docker, ...kind, ...probeInotify(), probeDisk(process.cwd())],
      this.clock.now(),
    );
  }

  create(): Promise<ClusterHandle> {
    return Promise.reject(notYet('create'));
  }

  destroy(): Promise<void> {
    return Promise.reject(notYet('destroy'));
  }

  list(): Promise<ClusterInfo[]> {
    return Promise.reject(notYet('list'));
  }

  handle(): Promise<ClusterHandle> {
    return Promise.reject(notYet('handle'));
  }
}

function notYet(operation: string): DriverError {
  return new DriverError(
    `KindDriver.${operation} is not implemented in this version`,
    'Diese kubelab-Version kann noch keine kind-Cluster erstellen. Bitte gib der Kursleitung Bescheid.',
  );
}
