import { SessionActivity } from '../common/session-activity.js';
import type { TranscriptLimits } from './transcript-limits.js';
import type {
  TranscriptGap,
  TranscriptKey,
  TranscriptRepository,
  TranscriptResult,
  TranscriptUsage,
} from './transcript.repository.js';
import { TranscriptWriter } from './transcript-writer.js';

interface Row extends TranscriptKey {
  command: string;
  output: string;
  exitCode: number | null;
  dropped: number | null;
}

/** The repository in memory; `hold()` makes every write wait until `release()`. */
class FakeTranscript {
  readonly rows: Row[] = [];
  usageQueries = 0;
  /** Writes (start, finish, marker) waiting or running right now, and the most at once. */
  inFlight = 0;
  maxInFlight = 0;
  private gate: Promise<void> = Promise.resolve();
  private open: () => void = () => undefined;

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open();
  }

  start(entry: TranscriptKey & { command: string }): Promise<void> {
    return this.write(() =>
      this.rows.push({ ...entry, output: '', exitCode: null, dropped: null }),
    );
  }

  finish(key: TranscriptKey, result: TranscriptResult): Promise<void> {
    return this.write(() => Object.assign(this.find(key)!, result));
  }

  recordGap(key: TranscriptKey, gap: TranscriptGap): Promise<void> {
    return this.write(() => {
      const row = this.find(key);
      const fields = { command: `${gap.count} – ${gap.reason}`, dropped: gap.count };
      if (row) Object.assign(row, fields);
      else this.rows.push({ ...key, ...fields, output: '', exitCode: null });
    });
  }

  usage(sessionId: string): Promise<TranscriptUsage> {
    this.usageQueries++;
    const rows = this.rows.filter((r) => r.sessionId === sessionId);
    const bytes = rows.reduce((n, r) => n + Buffer.byteLength(r.command + r.output), 0);
    return Promise.resolve({ rows: rows.length, bytes });
  }

  private find(key: TranscriptKey): Row | undefined {
    return this.rows.find(
      (r) => r.sessionId === key.sessionId && r.terminal === key.terminal && r.seq === key.seq,
    );
  }

  private async write(apply: () => unknown): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await this.gate;
    apply();
    this.inFlight--;
  }
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe(TranscriptWriter.name, () => {
  let repository: FakeTranscript;
  let finishedNews: string[];
  const terminal = { sessionId: 's1', id: 't1' };

  function writer(limits: Partial<TranscriptLimits> = {}) {
    repository = new FakeTranscript();
    const activity = new SessionActivity();
    finishedNews = [];
    activity.commandsFinished.subscribe((id) => finishedNews.push(id));
    return new TranscriptWriter(repository as unknown as TranscriptRepository, activity, {
      maxRows: 1000,
      maxBytes: 1 << 20,
      maxPendingWrites: 100,
      ...limits,
    });
  }

  function run(target: TranscriptWriter, seq: number, command = `echo ${seq}`, output = '') {
    const startedAt = new Date(Date.UTC(2026, 10, 30, 12, 0, seq));
    target.started(terminal, { seq, command, startedAt });
    target.finished(terminal, {
      seq,
      command,
      startedAt,
      exitCode: 0,
      output,
      finishedAt: startedAt,
    });
  }

  it('stores each command and announces it once it is complete', async () => {
    const target = writer();
    run(target, 1, 'ls', 'a b\n');
    await settle();
    expect(repository.rows).toEqual([
      {
        sessionId: 's1',
        terminal: 't1',
        seq: 1,
        command: 'ls',
        output: 'a b\n',
        exitCode: 0,
        dropped: null,
        startedAt: expect.any(Date),
        finishedAt: expect.any(Date),
      },
    ]);
    expect(finishedNews).toEqual(['s1']);
  });

  it('stops at the row cap and leaves one marker counting the commands after it', async () => {
    const target = writer({ maxRows: 3 });
    for (let seq = 1; seq <= 50; seq++) run(target, seq);
    await settle();
    expect(repository.rows.map((r) => [r.seq, r.dropped])).toEqual([
      [1, null],
      [2, null],
      [3, null],
      [4, 47],
    ]);
    expect(repository.rows[3].command).toMatch(/^47 – das Protokoll dieser Sitzung ist voll/);
    expect(finishedNews).toHaveLength(3);
    // Once full, later commands do not even ask the database.
    expect(repository.usageQueries).toBeLessThanOrEqual(4);
  });

  it('stops at the byte cap: a command started below it is stored whole', async () => {
    const target = writer({ maxBytes: 100 });
    run(target, 1, 'cat a', 'x'.repeat(90));
    run(target, 2, 'cat b', 'y'.repeat(90));
    run(target, 3, 'cat c', 'z'.repeat(90));
    await settle();
    expect(repository.rows.map((r) => [r.seq, r.output.length, r.dropped])).toEqual([
      [1, 90, null],
      [2, 90, null],
      [3, 0, 1],
    ]);
  });

  it('keeps at most maxPendingWrites writes waiting and counts what it dropped', async () => {
    const target = writer({ maxPendingWrites: 10 });
    repository.hold();
    for (let seq = 1; seq <= 1000; seq++) run(target, seq);
    await settle();
    // 10 queued writes (five commands) and one marker write for the rest.
    expect(repository.maxInFlight).toBeLessThanOrEqual(11);
    repository.release();
    await settle();
    const commands = repository.rows.filter((r) => r.dropped === null);
    const markers = repository.rows.filter((r) => r.dropped !== null);
    expect(commands.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(commands.every((r) => r.exitCode === 0)).toBe(true);
    expect(markers).toEqual([
      expect.objectContaining({
        seq: 6,
        dropped: 995,
        command: expect.stringMatching(/schneller/),
      }),
    ]);
  });

  it('starts storing again after a burst, with the burst marked where it happened', async () => {
    const target = writer({ maxPendingWrites: 4 });
    repository.hold();
    for (let seq = 1; seq <= 6; seq++) run(target, seq);
    repository.release();
    await settle();
    run(target, 7);
    await settle();
    expect(repository.rows.map((r) => [r.seq, r.dropped])).toEqual([
      [1, null],
      [2, null],
      [3, 4],
      [7, null],
    ]);
  });

  it('keeps writing after a failed write', async () => {
    const target = writer();
    const start = repository.start.bind(repository);
    let failures = 1;
    repository.start = (entry) =>
      failures-- > 0 ? Promise.reject(new Error('disk')) : start(entry);
    run(target, 1);
    run(target, 2);
    await settle();
    expect(repository.rows.map((r) => r.seq)).toEqual([2]);
  });
});
