import { Injectable, Logger } from '@nestjs/common';
import type { FinishedCommand, StartedCommand } from './command-recorder.js';
import { SessionActivity } from '../common/session-activity.js';
import { TranscriptRepository } from './transcript.repository.js';

/** Where a terminal's commands come from: its session and its id. */
export interface TranscriptSource {
  sessionId: string;
  id: string;
}

/**
 * Stores the commands terminals report: a row when a command starts, completed when it ends.
 * Writes of one terminal stay in order (a finish never overtakes its start); a failed write is
 * logged and never reaches the shell.
 */
@Injectable()
export class TranscriptWriter {
  private readonly logger = new Logger(TranscriptWriter.name);
  private readonly queues = new WeakMap<TranscriptSource, Promise<void>>();

  constructor(
    private readonly transcript: TranscriptRepository,
    private readonly activity: SessionActivity,
  ) {}

  started(source: TranscriptSource, { seq, command, startedAt }: StartedCommand): void {
    this.enqueue(source, () =>
      this.transcript.start({
        sessionId: source.sessionId,
        terminal: source.id,
        seq,
        command,
        startedAt,
      }),
    );
  }

  finished(source: TranscriptSource, { seq, exitCode, output, finishedAt }: FinishedCommand): void {
    const key = { sessionId: source.sessionId, terminal: source.id, seq };
    this.enqueue(source, async () => {
      await this.transcript.finish(key, { exitCode, output, finishedAt });
      this.activity.commandFinished(source.sessionId);
    });
  }

  private enqueue(source: TranscriptSource, write: () => Promise<void>): void {
    const previous = this.queues.get(source) ?? Promise.resolve();
    const next = previous.then(write).catch((error: unknown) => {
      this.logger.warn(`Transcript of ${source.sessionId} not stored: ${String(error)}`);
    });
    this.queues.set(source, next);
  }
}
