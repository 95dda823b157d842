import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FinishedCommand, StartedCommand } from './command-recorder.js';
import { SessionActivity } from '../common/session-activity.js';
import { TranscriptRepository } from './transcript.repository.js';
import { TRANSCRIPT_LIMITS, type TranscriptLimits } from './transcript-limits.js';

/** Where a terminal's commands come from: its session and its id. */
export interface TranscriptSource {
  sessionId: string;
  id: string;
}

type GapReason = 'full' | 'busy';

/** A run of commands of one terminal that were not stored, for one reason. */
interface Gap {
  seq: number;
  reason: GapReason;
  count: number;
  firstAt: Date;
  lastAt: Date;
  /** The count the marker row holds so far. */
  written: number;
  writeQueued: boolean;
}

interface TerminalLog {
  tail: Promise<void>;
  /** Writes queued or running. */
  pending: number;
  /** Commands whose start was not stored: their finish is not stored either. */
  skipped: Set<number>;
  /** The session's transcript was found full; nothing more is tried (it never shrinks). */
  full: boolean;
  gap: Gap | null;
}

/**
 * Stores the commands terminals report: a row when a command starts, completed when it ends.
 * Writes of one terminal stay in order (a finish never overtakes its start); a failed write is
 * logged and never reaches the shell.
 *
 * Bounded: a session's transcript holds at most `maxRows` rows and about `maxBytes` of command
 * and output (a command started below the cap is stored whole), and a terminal has at most
 * `maxPendingWrites` starts waiting for the database. A command beyond either is not stored;
 * a marker row at its place counts it and all that follow it for the same reason.
 */
@Injectable()
export class TranscriptWriter {
  private readonly logger = new Logger(TranscriptWriter.name);
  private readonly logs = new WeakMap<TranscriptSource, TerminalLog>();

  constructor(
    private readonly transcript: TranscriptRepository,
    private readonly activity: SessionActivity,
    @Inject(TRANSCRIPT_LIMITS) private readonly limits: TranscriptLimits,
  ) {}

  started(source: TranscriptSource, { seq, command, startedAt }: StartedCommand): void {
    const log = this.logOf(source);
    if (log.full) return this.skip(source, log, seq, startedAt, 'full');
    if (log.pending >= this.limits.maxPendingWrites) {
      return this.skip(source, log, seq, startedAt, 'busy');
    }
    this.enqueue(source, log, async () => {
      if (log.full || (await this.isFull(source.sessionId))) {
        log.full = true;
        return this.skip(source, log, seq, startedAt, 'full');
      }
      log.gap = null;
      await this.transcript.start({
        sessionId: source.sessionId,
        terminal: source.id,
        seq,
        command,
        startedAt,
      });
    });
  }

  finished(source: TranscriptSource, { seq, exitCode, output, finishedAt }: FinishedCommand): void {
    const log = this.logOf(source);
    if (log.skipped.delete(seq)) return;
    const key = { sessionId: source.sessionId, terminal: source.id, seq };
    this.enqueue(source, log, async () => {
      if (log.skipped.delete(seq)) return;
      await this.transcript.finish(key, { exitCode, output, finishedAt });
      this.activity.commandFinished(source.sessionId);
    });
  }

  private logOf(source: TranscriptSource): TerminalLog {
    let log = this.logs.get(source);
    if (!log) {
      log = { tail: Promise.resolve(), pending: 0, skipped: new Set(), full: false, gap: null };
      this.logs.set(source, log);
    }
    return log;
  }

  private async isFull(sessionId: string): Promise<boolean> {
    const usage = await this.transcript.usage(sessionId);
    return usage.rows >= this.limits.maxRows || usage.bytes >= this.limits.maxBytes;
  }

  private skip(
    source: TranscriptSource,
    log: TerminalLog,
    seq: number,
    at: Date,
    reason: GapReason,
  ) {
    log.skipped.add(seq);
    if (log.gap?.reason !== reason) {
      log.gap = { seq, reason, count: 0, firstAt: at, lastAt: at, written: 0, writeQueued: false };
    }
    log.gap.count++;
    log.gap.lastAt = at;
    this.writeGap(source, log, log.gap);
  }

  /** At most one marker write per gap is queued; it writes the count of when it runs. */
  private writeGap(source: TranscriptSource, log: TerminalLog, gap: Gap): void {
    if (gap.writeQueued || gap.written === gap.count) return;
    gap.writeQueued = true;
    this.enqueue(source, log, async () => {
      const count = gap.count;
      try {
        await this.transcript.recordGap(
          { sessionId: source.sessionId, terminal: source.id, seq: gap.seq },
          { count, reason: this.reasonText(gap.reason), firstAt: gap.firstAt, lastAt: gap.lastAt },
        );
        gap.written = count;
      } finally {
        gap.writeQueued = false;
      }
      this.writeGap(source, log, gap);
    });
  }

  private reasonText(reason: GapReason): string {
    if (reason === 'busy') return 'sie kamen schneller, als sie gespeichert werden konnten.';
    const kib = Math.round(this.limits.maxBytes / 1024);
    return `das Protokoll dieser Sitzung ist voll (höchstens ${this.limits.maxRows} Befehle oder ${kib} KiB).`;
  }

  private enqueue(source: TranscriptSource, log: TerminalLog, write: () => Promise<void>): void {
    log.pending++;
    log.tail = log.tail
      .then(write)
      .catch((error: unknown) => {
        this.logger.warn(`Transcript of ${source.sessionId} not stored: ${String(error)}`);
      })
      .then(() => {
        log.pending--;
      });
  }
}
