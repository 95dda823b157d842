import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service.js';
import { usableWhere } from '../common/session-usable.js';

/** What the terminal needs to know about a session: whose it is, whether it runs, where. */
export interface TerminalSessionRecord {
  id: string;
  learnerId: string;
  labId: string;
  status: string;
  expiresAt: Date;
  cluster: { name: string; dockerEndpoint: string } | null;
}

/** Read access to sessions for the terminal, and the activity stamp; src/sessions owns the rest. */
@Injectable()
export class TerminalSessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findById(id: string): Promise<TerminalSessionRecord | null> {
    return this.prisma.labSession.findUnique({
      where: { id },
      select: {
        id: true,
        learnerId: true,
        labId: true,
        status: true,
        expiresAt: true,
        cluster: { select: { name: true, dockerEndpoint: true } },
      },
    });
  }

  /** Marks the session active; false when it is no longer ready (ended, expired, deleted). */
  async touch(id: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.labSession.updateMany({
      where: { id, ...usableWhere(at) },
      data: { lastActiveAt: at },
    });
    return count === 1;
  }

  /** Which of these sessions are still ready and unexpired at `at`. */
  async readyAmong(ids: string[], at: Date): Promise<Set<string>> {
    const rows = await this.prisma.labSession.findMany({
      where: { id: { in: ids }, ...usableWhere(at) },
      select: { id: true },
    });
    return new Set(rows.map((r) => r.id));
  }
}
