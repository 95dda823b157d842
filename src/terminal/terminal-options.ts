/** Limits and timings of the browser terminal; tests shorten them through TERMINAL_OPTIONS. */
export interface TerminalOptions {
  /** A shell nobody is attached to is closed after this long; a reconnect within it reattaches. */
  graceMs: number;
  maxTerminalsPerSession: number;
  /** Output kept per terminal for replay on reconnect. */
  ringBytes: number;
  /** Unacknowledged output that pauses / resumes the shell (flow-control.ts); high < ringBytes. */
  highWatermark: number;
  lowWatermark: number;
  /** While output streams, a frame goes out per `batchMs` or per `batchBytes` (output-batcher.ts). */
  batchBytes: number;
  batchMs: number;
  /** The first frame (hello) must arrive within this. */
  helloTimeoutMs: number;
  /** The server pings this often; a client silent for 3 intervals is disconnected. */
  heartbeatMs: number;
  /** The session's lastActiveAt is written at most this often per session. */
  activityThrottleMs: number;
  /**
   * How often open terminals check that their session is still ready. Short: Docker cannot
   * remove a container while a paused exec stream holds its output, so an ended session's
   * terminals must let go before its environment is deleted.
   */
  livenessCheckMs: number;
  /** Frames per second a client may send on average, and as a burst. */
  framesPerSecond: number;
  frameBurst: number;
  /** First and last bytes of each command's output kept in the transcript. */
  transcriptHeadBytes: number;
  transcriptTailBytes: number;
}

export const TERMINAL_OPTIONS = Symbol('TERMINAL_OPTIONS');

export const DEFAULT_TERMINAL_OPTIONS: TerminalOptions = {
  graceMs: 60_000,
  maxTerminalsPerSession: 4,
  ringBytes: 512 * 1024,
  highWatermark: 256 * 1024,
  lowWatermark: 64 * 1024,
  batchBytes: 64 * 1024,
  batchMs: 5,
  helloTimeoutMs: 10_000,
  heartbeatMs: 25_000,
  activityThrottleMs: 30_000,
  livenessCheckMs: 2_000,
  framesPerSecond: 3000,
  frameBurst: 6000,
  transcriptHeadBytes: 4096,
  transcriptTailBytes: 4096,
};

/** Largest frame a client may send; the page splits pastes into smaller frames. */
export const MAX_FRAME_BYTES = 256 * 1024;
