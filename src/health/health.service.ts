import { Injectable } from '@nestjs/common';
import { EnvironmentDriversService } from '../clusters/environment-drivers.service.js';
import type { PreflightReport } from '../clusters/preflight/preflight.types.js';
import { LabsService } from '../labs/labs.service.js';
import { PrismaService } from '../prisma/prisma.service.js';

export interface Readiness {
  ready: boolean;
  database: boolean;
  labs: { loaded: boolean; count: number; problems: number };
  drivers: Record<string, PreflightReport>;
}

/**
 * Ready means the server can serve learners: database answers and labs are loaded.
 * A driver that lacks kind or Docker is reported, but does not make the server unready:
 * the catalog then shows the labs that need it as not available, with a German reason.
 */
@Injectable()
export class HealthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly labs: LabsService,
    private readonly drivers: EnvironmentDriversService,
  ) {}

  /** The cheap answer for anonymous callers: no driver preflight runs for them. */
  async isReady(): Promise<{ ready: boolean }> {
    return { ready: (await this.prisma.isReachable()) && this.labs.isLoaded() };
  }

  async readiness(): Promise<Readiness> {
    const [database, reports] = await Promise.all([
      this.prisma.isReachable(),
      Promise.all(this.drivers.all().map(async (d) => [d.type, await d.preflight()] as const)),
    ]);
    const loaded = this.labs.isLoaded();
    return {
      ready: database && loaded,
      database,
      labs: { loaded, count: this.labs.list().length, problems: this.labs.problems().length },
      drivers: Object.fromEntries(reports),
    };
  }
}
