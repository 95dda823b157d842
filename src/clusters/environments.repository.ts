import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../prisma/prisma.service.js';

/** `pooling`: being made for the warm pool (no session yet); `ready`: in the pool, unassigned. */
export type EnvironmentStatus =
  'creating' | 'pooling' | 'ready' | 'assigned' | 'deleting' | 'deleted' | 'failed';

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

  /** Clusters that should exist: not deleted and not failed for good. */
  async findActive(): Promise<EnvironmentRecord[]> {
    const rows = await this.prisma.cluster.findMany({
      where: { status: { in: ['creating', 'pooling', 'ready', 'assigned', 'deleting', 'failed'] } },
      select: fields,
    });
    return rows as EnvironmentRecord[];
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

  /** How many clusters of a profile are ready or on their way into the pool. */
  async countPool(profileHash: string): Promise<number> {
    return this.prisma.cluster.count({
      where: { profileHash, status: { in: ['ready', 'pooling'] } },
    });
  }

  /** Clusters that take up room on the Docker host. */
  async countAlive(): Promise<number> {
    return this.prisma.cluster.count({
      where: { status: { in: ['creating', 'pooling', 'ready', 'assigned'] } },
    });
  }

  async findById(id: string): Promise<EnvironmentRecord | null> {
    return (await this.prisma.cluster.findUnique({
      where: { id },
      select: fields,
    })) as EnvironmentRecord | null;
  }
}
