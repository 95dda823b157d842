import { Injectable } from '@nestjs/common';
import { newId } from '../common/ids.js';
import { PrismaService } from '../prisma/prisma.service.js';

export interface TranscriptKey {
  sessionId: string;
  /** The terminal's id: commands of two tabs are told apart. */
  terminal: string;
  /** 1, 2, 3 … per terminal. */
  seq: number;
}

export interface TranscriptResult {
  exitCode: number | null;
  /** A bounded slice of what the command printed. */
  output: string;
  finishedAt: Date;
}

/** Commands from `key.seq` on that were not stored, and why (German, for the instructor). */
export interface TranscriptGap {
  count: number;
  reason: string;
  firstAt: Date;
  lastAt: Date;
}

/** What a session's transcript holds: rows (markers included) and bytes of command and output. */
export interface TranscriptUsage {
  rows: number;
  bytes: number;
}

/** Writes the commands a learner runs in a terminal; grading's `transcript` checks read them. */
@Injectable()
export class TranscriptRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** A command that started: exit code, output and end follow with `finish`. */
  async start(entry: TranscriptKey & { command: string; startedAt: Date }): Promise<void> {
    await this.prisma.transcriptEntry.create({
      data: { id: newId(), ...entry, exitCode: null, output: '', finishedAt: null },
    });
  }

  async finish(key: TranscriptKey, result: TranscriptResult): Promise<void> {
    await this.prisma.transcriptEntry.update({
      where: { sessionId_terminal_seq: key },
      data: result,
    });
  }

  /**
   * The marker row in place of the commands that were not stored, at the seq of the first of
   * them; written again as the count grows.
   */
  async recordGap(key: TranscriptKey, gap: TranscriptGap): Promise<void> {
    const text = `# kubelab: ${gap.count} ${gap.count === 1 ? 'Befehl' : 'Befehle'} nicht aufgezeichnet – ${gap.reason}`;
    const fields = { command: text, dropped: gap.count, finishedAt: gap.lastAt };
    await this.prisma.transcriptEntry.upsert({
      where: { sessionId_terminal_seq: key },
      create: {
        id: newId(),
        ...key,
        ...fields,
        exitCode: null,
        output: '',
        startedAt: gap.firstAt,
      },
      update: fields,
    });
  }

  async usage(sessionId: string): Promise<TranscriptUsage> {
    const [row] = await this.prisma.$queryRaw<{ rows: bigint | number; bytes: bigint | number }[]>`
      SELECT COUNT(*) AS rows,
             COALESCE(SUM(LENGTH(CAST(command AS BLOB)) + LENGTH(CAST(output AS BLOB))), 0) AS bytes
      FROM TranscriptEntry WHERE sessionId = ${sessionId}`;
    return { rows: Number(row.rows), bytes: Number(row.bytes) };
  }
}
