import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service.js';

export type ClusterStatus = 'creating' | 'ready' | 'assigned' | 'deleting' | 'deleted' | 'failed';

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

  async findById(id: string): Promise<ClusterRecord | null> {
    return (await this.prisma.cluster.findUnique({
      where: { id },
      select: fields,
    })) as ClusterRecord | null;
  }
}
