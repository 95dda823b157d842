import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service.js';

/** `pooling`: being made for the warm pool (no session yet); `ready`: in the pool, unassigned. */
export type ClusterStatus =
  'creating' | 'pooling' | 'ready' | 'assigned' | 'deleting' | 'deleted' | 'failed';

export interface ClusterRecord {
  id: string;
  name: string;
  driver: string;
  status: ClusterStatus;
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
export class ClustersRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(
    input: Omit<ClusterRecord, 'error'> & { profileHash: string },
  ): Promise<ClusterRecord> {
    return (await this.prisma.cluster.create({ data: input, select: fields })) as ClusterRecord;
  }

  async setStatus(id: string, status: ClusterStatus, error?: string): Promise<void> {
    await this.prisma.cluster.update({
      where: { id },
      data: { status, ...(error ? { error } : {}) },
    });
  }

  /** Clusters that should exist: not deleted and not failed for good. */
  async findActive(): Promise<ClusterRecord[]> {
    const rows = await this.prisma.cluster.findMany({
      where: { status: { in: ['creating', 'pooling', 'ready', 'assigned', 'deleting', 'failed'] } },
      select: fields,
    });
    return rows as ClusterRecord[];
  }

  /** Claims one ready pool cluster of this profile; null when none is left. Safe against races. */
  async claimReady(profileHash: string): Promise<ClusterRecord | null> {
    for (;;) {
      const candidate = await this.prisma.cluster.findFirst({
        where: { profileHash, status: 'ready' },
        orderBy: { createdAt: 'asc' },
        select: fields,
      });
      if (!candidate) return null;
      const { count } = await this.prisma.cluster.updateMany({
        where: { id: candidate.id, status: 'ready' },
        data: { status: 'assigned' },
      });
      if (count === 1) return { ...(candidate as ClusterRecord), status: 'assigned' };
    }
  }

  /**
   * Takes the oldest ready pool cluster whose profile is not in `keep` out of the pool for
   * deletion (status `deleting`, so it no longer counts as alive); null when there is none.
   */
  async claimIdle(keep: string[] = []): Promise<ClusterRecord | null> {
    for (;;) {
      const candidate = await this.prisma.cluster.findFirst({
        where: { status: 'ready', profileHash: { notIn: keep } },
        orderBy: { createdAt: 'asc' },
        select: fields,
      });
      if (!candidate) return null;
      const { count } = await this.prisma.cluster.updateMany({
        where: { id: candidate.id, status: 'ready' },
        data: { status: 'deleting' },
      });
      if (count === 1) return { ...(candidate as ClusterRecord), status: 'deleting' };
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

  async findById(id: string): Promise<ClusterRecord | null> {
    return (await this.prisma.cluster.findUnique({
      where: { id },
      select: fields,
    })) as ClusterRecord | null;
  }
}
