/** How much of a session's commands the transcript keeps (transcript-writer.ts). */
export interface TranscriptLimits {
  /** Rows of one session, marker rows included. */
  maxRows: number;
  /** Bytes of command lines and output of one session. */
  maxBytes: number;
  /** Command starts per terminal waiting for the database; more are not stored. */
  maxPendingWrites: number;
}

export const TRANSCRIPT_LIMITS = Symbol('TRANSCRIPT_LIMITS');

/** Writes waiting per terminal: a person types far slower; a pasted script may hit it. */
export const MAX_PENDING_TRANSCRIPT_WRITES = 64;
