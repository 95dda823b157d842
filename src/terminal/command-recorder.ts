import type { ParsedItem } from './osc633-parser.js';
import { OutputCapture } from './output-capture.js';

export interface StartedCommand {
  /** 1, 2, 3 … per terminal. */
  seq: number;
  command: string;
  startedAt: Date;
}

export interface FinishedCommand extends StartedCommand {
  exitCode: number | null;
  output: string;
  finishedAt: Date;
}

export interface CommandEvents {
  started(command: StartedCommand): void;
  finished(command: FinishedCommand): void;
}

export interface CaptureLimits {
  headBytes: number;
  tailBytes: number;
}

/**
 * Turns the shell integration markers and the output between them into commands: the command
 * line comes with `E`, output runs from `C` to `D`, and `D` carries the exit code. A command
 * is reported when it starts (so a check sees a long-running one) and when it finishes. A
 * prompt without `D` (someone replaced the prompt hook) still ends it, without exit code.
 */
export class CommandRecorder {
  private commandLine: string | null = null;
  private running: (StartedCommand & { output: OutputCapture }) | null = null;
  private count = 0;

  constructor(
    private readonly events: CommandEvents,
    private readonly now: () => Date,
    private readonly limits: CaptureLimits = { headBytes: 4096, tailBytes: 4096 },
  ) {}

  feed(item: ParsedItem): void {
    switch (item.type) {
      case 'data':
        this.running?.output.add(item.bytes);
        break;
      case 'commandLine':
        this.commandLine = item.commandLine.trim();
        break;
      case 'outputStart':
        if (this.running) this.finish(null);
        if (this.commandLine) this.start(this.commandLine);
        this.commandLine = null;
        break;
      case 'commandFinished':
        if (this.running) this.finish(item.exitCode);
        break;
      case 'promptStart':
        if (this.running) this.finish(null);
        this.commandLine = null;
        break;
      case 'commandStart':
        break;
    }
  }

  /** The shell ended: the command that ended it (`exit 3`) gets the shell's exit code. */
  shellExited(code: number): void {
    if (this.running) this.finish(code);
  }

  private start(command: string): void {
    const started = { seq: ++this.count, command, startedAt: this.now() };
    this.running = {
      ...started,
      output: new OutputCapture(this.limits.headBytes, this.limits.tailBytes),
    };
    this.events.started(started);
  }

  private finish(exitCode: number | null): void {
    const { output, ...started } = this.running!;
    this.running = null;
    this.events.finished({ ...started, exitCode, output: output.text(), finishedAt: this.now() });
  }
}
