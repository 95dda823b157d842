/**
 * Backpressure between a shell and the browser, both ways.
 *
 * Output: every byte the shell produces counts as unacknowledged until the client sends
 * `ack {seq}` for it. Above `highWatermark` unacknowledged bytes the exec stream is paused
 * (Docker then stops reading the TTY, and the program in it blocks on write); once acks bring
 * it below `lowWatermark` it resumes. So `yes` or `cat` of a huge file costs at most about
 * `highWatermark` plus one chunk per terminal, whether the client is slow, gone, or not
 * acknowledging at all, and one busy terminal cannot starve the event loop for the others.
 * The high watermark must stay below the reconnect buffer's size: then everything a client
 * has not acknowledged is still there to be replayed.
 *
 * Input: keystrokes are written to the exec stream; when its `write()` returns false the
 * WebSocket stops reading until the stream drains, so a huge paste waits in TCP buffers,
 * not in kubelab.
 */

export interface Pausable {
  pause(): void;
  resume(): void;
}

export interface Watermarks {
  highWatermark: number;
  lowWatermark: number;
}

export interface FlowStats {
  /** The most bytes that were ever unacknowledged at once. */
  peakUnacked: number;
  pauses: number;
  resumes: number;
}

export class OutputFlowController {
  private producedSeq = 0;
  private ackedSeq = 0;
  private paused = false;
  private readonly counters: FlowStats = { peakUnacked: 0, pauses: 0, resumes: 0 };

  constructor(
    private readonly source: Pausable,
    private readonly watermarks: Watermarks,
  ) {
    if (watermarks.lowWatermark >= watermarks.highWatermark) {
      throw new Error('lowWatermark must be below highWatermark');
    }
  }

  get unacked(): number {
    return this.producedSeq - this.ackedSeq;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  stats(): FlowStats {
    return { ...this.counters };
  }

  /** The shell produced `bytes` more bytes of output. */
  produced(bytes: number): void {
    this.producedSeq += bytes;
    this.counters.peakUnacked = Math.max(this.counters.peakUnacked, this.unacked);
    if (!this.paused && this.unacked > this.watermarks.highWatermark) {
      this.paused = true;
      this.counters.pauses++;
      this.source.pause();
    }
  }

  /** The client processed output up to `seq`; stale or impossible values are ignored. */
  ack(seq: number): void {
    if (seq <= this.ackedSeq || seq > this.producedSeq) return;
    this.ackedSeq = seq;
    this.resumeIfLow();
  }

  /**
   * A client (re)attached and will be sent everything after `seq`: from its point of view
   * that is all unacknowledged, so the count restarts there, even below an earlier ack.
   */
  restartAt(seq: number): void {
    this.ackedSeq = Math.min(Math.max(seq, 0), this.producedSeq);
    this.counters.peakUnacked = Math.max(this.counters.peakUnacked, this.unacked);
    this.resumeIfLow();
  }

  private resumeIfLow(): void {
    if (this.paused && this.unacked <= this.watermarks.lowWatermark) {
      this.paused = false;
      this.counters.resumes++;
      this.source.resume();
    }
  }
}

export interface WritableSink {
  write(chunk: Buffer): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

/** Writes client input to the shell; reading from the client pauses while the shell lags. */
export class InputPump {
  private waiting = false;

  constructor(
    private readonly sink: WritableSink,
    private readonly client: Pausable,
  ) {}

  get isWaiting(): boolean {
    return this.waiting;
  }

  write(chunk: Buffer): void {
    if (this.sink.write(chunk) || this.waiting) return;
    this.waiting = true;
    this.client.pause();
    this.sink.once('drain', () => {
      this.waiting = false;
      this.client.resume();
    });
  }
}
