import type { CheckResult, SessionStatus } from '../types.js';

export interface InstructorSession {
  id: string;
  learner: { id: string; name: string };
  labId: string;
  labTitle: string;
  status: SessionStatus;
  message: string | null;
  currentStep: { id: string; title: string } | null;
  steps: { id: string; title: string; passed: boolean; attempts: number; hintsRevealed: number }[];
  progress: { passed: number; total: number };
  cluster: { name: string; driver: string; status: string; error: string | null } | null;
  createdAt: string;
  lastActiveAt: string;
  expiresAt: string;
  finishedAt: string | null;
}

export interface Overview {
  sessions: InstructorSession[];
  capacity: {
    sessions: Partial<Record<SessionStatus, number>>;
    clusters: { driver: string; status: string; count: number }[];
  };
  labProblems: {
    labId: string;
    file: string;
    line: number | null;
    path: string;
    message: string;
  }[];
}

export interface Attempt {
  id: string;
  stepId: string;
  passed: boolean;
  durationMs: number;
  createdAt: string;
  results: CheckResult[];
}

export interface TranscriptEntry {
  id: string;
  terminal: string;
  seq: number;
  command: string;
  exitCode: number | null;
  output: string;
  startedAt: string;
  finishedAt: string | null;
  /** A marker row: this many commands were not stored (`command` says why). */
  dropped: number | null;
}

/** Newest first; `next` fetches the page of older items. */
export interface Page<T> {
  items: T[];
  total: number;
  next: string | null;
}

export interface SessionDetail {
  session: InstructorSession;
  attempts: Page<Attempt>;
  transcript: Page<TranscriptEntry>;
}
