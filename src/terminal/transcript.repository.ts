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
}
