import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service.js';

/** A command the learner ran in a terminal, as the terminal recorded it. */
export interface TranscriptCommand {
  terminal: string;
  command: string;
  /** Null while the command runs, or when the shell could not tell. */
  exitCode: number | null;
  /** A bounded slice of what the command printed. */
  output: string;
  startedAt: Date;
}

/** A check only ever looks at the recent past; this bounds the rows one check reads. */
const MAX_COMMANDS = 500;

/** Reads the terminal transcript that the terminal module writes. */
@Injectable()
export class TranscriptReader {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The session's commands started at or after `since`, oldest first (at most the newest 500);
   * marker rows of commands that were not stored are no commands.
   */
  async commandsSince(sessionId: string, since: Date): Promise<TranscriptCommand[]> {
    const rows = await this.prisma.transcriptEntry.findMany({
      where: { sessionId, startedAt: { gte: since }, dropped: null },
      orderBy: [{ startedAt: 'desc' }, { seq: 'desc' }],
      take: MAX_COMMANDS,
      select: { terminal: true, command: true, exitCode: true, output: true, startedAt: true },
    });
    return rows.reverse();
  }
}
