import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../prisma/prisma.service.js';

/**
 * `pooling`: being made for the warm pool (no session yet); `ready`: in the pool, unassigned;
 * `lost`: on an engine that stopped answering, left for the clean-up when it answers again.
 */
export type EnvironmentStatus =
  'creating' | 'pooling' | 'ready' | 'assigned' | 'deleting' | 'deleted' | 'failed' | 'lost';

/** Statuses of environments that take up room on their engine. */
export const ALIVE: EnvironmentStatus[] = ['creating', 'pooling', 'ready', 'assigned'];

export interface EnvironmentRecord {
  id: string;
  name: string;
  driver: string;
  status: EnvironmentStatus;
  dockerEndpoint: string;
  error: string | null;
}

const fields = {
  id: true,
  name: true,
  driver: true,
  status: true,
  dockerEndpoint: true,
  error: true,
} as const;

@Injectable()
export class EnvironmentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(
    input: Omit<EnvironmentRecord, 'error'> & { profileHash: string },
  ): Promise<EnvironmentRecord> {
    return (await this.prisma.cluster.create({ data: input, select: fields })) as EnvironmentRecord;
  }

  async setStatus(id: string, status: EnvironmentStatus, error?: string): Promise<void> {
    await this.prisma.cluster.update({
      where: { id },
      data: { status, ...(error ? { error } : {}) },
    });
  }

  /** Clusters that may exist: not deleted (a failed or lost one may have left something). */
  async findActive(): Promise<EnvironmentRecord[]> {
    const rows = await this.prisma.cluster.findMany({
      where: { status: { in: [...ALIVE, 'deleting', 'failed', 'lost'] } },
      select: fields,
    });
    return rows as EnvironmentRecord[];
  }

  /** Clusters on one engine in these statuses. */
  async findOn(
    dockerEndpoint: string,
    statuses: EnvironmentStatus[],
  ): Promise<EnvironmentRecord[]> {
    const rows = await this.prisma.cluster.findMany({
      where: { dockerEndpoint, status: { in: statuses } },
      select: fields,
    });
    return rows as EnvironmentRecord[];
  }

  /** Every cluster on the engine that counts (or is being deleted) becomes `lost`; returns how many. */
  async loseAllOn(dockerEndpoint: string): Promise<number> {
    const { count } = await this.prisma.cluster.updateMany({
      where: { dockerEndpoint, status: { in: [...ALIVE, 'deleting'] } },
      data: { status: 'lost' },
    });
    return count;
  }

  /** Alive clusters per engine endpoint. */
  async countAliveByEngine(): Promise<Map<string, number>> {
    const groups = await this.prisma.cluster.groupBy({
      by: ['dockerEndpoint'],
      where: { status: { in: ALIVE } },
      _count: { _all: true },
    });
    return new Map(groups.map((g) => [g.dockerEndpoint, g._count._all]));
  }

  /** Claims one ready pool cluster of this profile; null when none is left. Safe against races. */
  async claimReady(profileHash: string): Promise<EnvironmentRecord | null> {
    return this.claimOldest({ profileHash }, 'assigned');
  }

  /**
   * Takes the oldest ready pool cluster whose profile is not in `keep` out of the pool for
   * deletion (status `deleting`, so it no longer counts as alive); null when there is none.
   */
  async claimIdle(keep: string[] = []): Promise<EnvironmentRecord | null> {
    return this.claimOldest({ profileHash: { notIn: keep } }, 'deleting');
  }
  /** Moves the oldest ready cluster matching `where` to `status`, retrying when another took it. */
  private async claimOldest(
    where: Prisma.ClusterWhereInput,
    status: 'assigned' | 'deleting',
  ): Promise<EnvironmentRecord | null> {
    for (;;) {
      const candidate = await this.prisma.cluster.findFirst({
        where: { ...where, status: 'ready' },
        orderBy: { createdAt: 'asc' },
        select: fields,
      });
      if (!candidate) return null;
      const { count } = await this.prisma.cluster.updateMany({
        where: { id: candidate.id, status: 'ready' },
        data: { status },
      });
      if (count === 1) return { ...(candidate as EnvironmentRecord), status };
    }
  }

  /** How many clusters of a profile are ready or on their way into the pool on one engine. */
  async countPool(profileHash: string, dockerEndpoint: string): Promise<number> {
    return this.prisma.cluster.count({
      where: { profileHash, dockerEndpoint, status: { in: ['ready', 'pooling'] } },
    });
  }

  /** Clusters that take up room, on these engines (all when not given). */
  async countAlive(onEndpoints?: string[]): Promise<number> {
    return this.prisma.cluster.count({
      where: {
        status: { in: ALIVE },
        ...(onEndpoints ? { dockerEndpoint: { in: onEndpoints } } : {}),
      },
    });
  }

  async findById(id: string): Promise<EnvironmentRecord | null> {
    return (await this.prisma.cluster.findUnique({
      where: { id },
      select: fields,
    })) as EnvironmentRecord | null;
  }
}
