import type { TranscriptEntry } from '../contract/instructor.views.js';
import type { CheckResult } from '../grading/check-result.js';
import type { SessionStatus } from '../sessions/session.types.js';

/** A session as the instructor's queries read it: with its learner and cluster. */
export interface InstructorSessionRecord {
  id: string;
  labId: string;
  status: SessionStatus;
  message: string | null;
  currentStep: string | null;
  createdAt: Date;
  lastActiveAt: Date;
  expiresAt: Date;
  finishedAt: Date | null;
  learner: { id: string; name: string };
  cluster: {
    name: string;
    driver: string;
    status: string;
    error: string | null;
    dockerEndpoint: string;
  } | null;
  steps: { stepId: string; attempts: number; hintsRevealed: number; passedAt: Date | null }[];
}

export interface InstructorAttemptRecord {
  id: string;
  stepId: string;
  passed: boolean;
  durationMs: number;
  createdAt: Date;
  /** Parsed from the stored JSON; empty when the row cannot be read. */
  results: CheckResult[];
}

/** A transcript row as stored: the contract's entry with dates. */
export interface InstructorTranscriptRecord extends Omit<
  TranscriptEntry,
  'startedAt' | 'finishedAt' | 'stepId'
> {
  startedAt: Date;
  finishedAt: Date | null;
}

/** Clusters and sessions waiting for one, counted by status. */
export interface CapacityRecord {
  sessions: Partial<Record<SessionStatus, number>>;
  clusters: { driver: string; status: string; count: number }[];
  /** Clusters not deleted or failed, per engine endpoint and status. */
  byEngine: { dockerEndpoint: string; status: string; count: number }[];
}
