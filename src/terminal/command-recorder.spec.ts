import { CommandRecorder, type FinishedCommand, type StartedCommand } from './command-recorder.js';
import type { ParsedItem } from './osc633-parser.js';

const data = (text: string): ParsedItem => ({ type: 'data', bytes: Buffer.from(text) });

describe(CommandRecorder.name, () => {
  let started: StartedCommand[];
  let recorded: FinishedCommand[];
  let clock: number;
  let recorder: CommandRecorder;

  beforeEach(() => {
    started = [];
    recorded = [];
    clock = Date.UTC(2026, 0, 1, 12);
    recorder = new CommandRecorder(
      { started: (c) => started.push(c), finished: (c) => recorded.push(c) },
      () => new Date(clock),
      { headBytes: 16, tailBytes: 8 },
    );
  });

  const run = (items: ParsedItem[]) => items.forEach((item) => recorder.feed(item));
  const prompt: ParsedItem[] = [
    { type: 'promptStart' },
    data('kl-1:cp $ '),
    { type: 'commandStart' },
  ];

  it('records command line, output between C and D, exit code and times', () => {
    run([...prompt, data('echo hallo\r\n'), { type: 'commandLine', commandLine: 'echo hallo' }]);
    run([{ type: 'outputStart' }]);
    expect(started).toEqual([
      { seq: 1, command: 'echo hallo', startedAt: new Date(Date.UTC(2026, 0, 1, 12)) },
    ]);
    expect(recorded).toEqual([]);
    clock += 1500;
    run([data('hallo\r\n'), { type: 'commandFinished', exitCode: 0 }, ...prompt]);
    expect(recorded).toEqual([
      {
        seq: 1,
        command: 'echo hallo',
        exitCode: 0,
        output: 'hallo\n',
        startedAt: new Date(Date.UTC(2026, 0, 1, 12)),
        finishedAt: new Date(Date.UTC(2026, 0, 1, 12, 0, 1, 500)),
      },
    ]);
  });

  it('gives each command of a pasted block the exit code PS0 reports before the next one', () => {
    // bash runs PS0 (D for the command before, E, C) before each command of the block and
    // PROMPT_COMMAND (D) only after the last; the first PS0's D has no command to finish.
    const ps0 = (line: string, before: number): ParsedItem[] => [
      { type: 'commandFinished', exitCode: before },
      { type: 'commandLine', commandLine: line },
      { type: 'outputStart' },
    ];
    run([...prompt, ...ps0('false', 0), ...ps0('echo zwei', 1), data('zwei\r\n')]);
    run([...ps0('true', 0), { type: 'commandFinished', exitCode: 0 }, ...prompt]);
    expect(recorded.map((c) => [c.seq, c.command, c.exitCode, c.output])).toEqual([
      [1, 'false', 1, ''],
      [2, 'echo zwei', 0, 'zwei\n'],
      [3, 'true', 0, ''],
    ]);
  });

  it('numbers commands and ignores finishes without a command (empty line, Ctrl-C)', () => {
    run([{ type: 'commandFinished', exitCode: 0 }, ...prompt]);
    run([{ type: 'commandFinished', exitCode: 130 }, ...prompt]);
    for (const [line, code] of [
      ['false', 1],
      ['  true  ', 0],
    ] as const) {
      run([{ type: 'commandLine', commandLine: line }, { type: 'outputStart' }]);
      run([{ type: 'commandFinished', exitCode: code }, ...prompt]);
    }
    expect(started.map((c) => c.seq)).toEqual([1, 2]);
    expect(recorded.map((c) => [c.seq, c.command, c.exitCode])).toEqual([
      [1, 'false', 1],
      [2, 'true', 0],
    ]);
  });

  it('keeps the head and the tail of a long output and says how much is left out', () => {
    run([{ type: 'commandLine', commandLine: 'seq 100' }, { type: 'outputStart' }]);
    run([data('0123456789abcdef'), data('XXXXXXXXXX'), data('-the-end')]);
    run([{ type: 'commandFinished', exitCode: 0 }]);
    expect(recorded[0].output).toBe('0123456789abcdef\n[… 10 Bytes ausgelassen …]\n-the-end');
  });

  it('removes colours and cursor sequences from the stored output', () => {
    run([{ type: 'commandLine', commandLine: 'ls --color' }, { type: 'outputStart' }]);
    run([data('\x1b[34mdir\x1b(B\r\n'), { type: 'commandFinished', exitCode: 0 }]);
    expect(recorded[0].output).toBe('dir\n');
  });

  it('does not cut a UTF-8 character at the edges of the slice', () => {
    run([{ type: 'commandLine', commandLine: 'echo' }, { type: 'outputStart' }]);
    run([data('ääääääää'), data('ü'), data('x'.repeat(20)), data('öööö')]);
    run([{ type: 'commandFinished', exitCode: 0 }]);
    expect(recorded[0].output).toBe('ääääääää\n[… 22 Bytes ausgelassen …]\nöööö');
    expect(recorded[0].output).not.toContain('\ufffd');
  });

  it('ends a command at the next prompt when no finish marker came', () => {
    run([{ type: 'commandLine', commandLine: 'sleep 1' }, { type: 'outputStart' }, ...prompt]);
    expect(recorded).toMatchObject([{ command: 'sleep 1', exitCode: null }]);
  });

  it('gives the command that ended the shell the shell exit code', () => {
    run([{ type: 'commandLine', commandLine: 'exit 3' }, { type: 'outputStart' }]);
    recorder.shellExited(3);
    recorder.shellExited(3);
    expect(recorded).toMatchObject([{ command: 'exit 3', exitCode: 3 }]);
  });
});
