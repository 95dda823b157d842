/** A learner's session as `/api/sessions/…` answers it, and the events its streams send. */
export const SESSION_STATUSES = [
  'queued',
  'provisioning',
  'ready',
  'failed',
  'unavailable',
  'expired',
  'finished',
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Statuses in which a session still holds (or waits for) an environment. */
export const LIVE_STATUSES: readonly SessionStatus[] = ['queued', 'provisioning', 'ready'];

export interface StepProgress {
  id: string;
  title: string;
  passed: boolean;
  passedAt: string | null;
  attempts: number;
  hintsRevealed: number;
}

export interface SessionView {
  id: string;
  labId: string;
  labTitle: string;
  status: SessionStatus;
  message: string | null;
  currentStep: string | null;
  steps: StepProgress[];
  progress: { passed: number; total: number };
  /** Cluster internals (endpoint, driver errors) stay out. */
  cluster: { name: string; status: string } | null;
  createdAt: string;
  lastActiveAt: string;
  expiresAt: string;
  finishedAt: string | null;
}

/** `error` means the check could not look (cluster unreachable, probe missing): never the learner's fault. */
export type CheckStatus = 'pass' | 'fail' | 'error';

export interface CheckResultView {
  id: string;
  kind: string;
  title?: string | null;
  status: CheckStatus;
  /** German, for the learner. */
  message: string;
  /** A command the learner can run in the terminal, exactly as shown, to see it themselves. */
  see?: string;
  durationMs?: number;
}

export interface CheckResponse {
  attemptId: string;
  stepId: string;
  passed: boolean;
  checks: CheckResultView[];
  /** Hints chosen by what the checks observed. */
  hints: string[];
  session: SessionView;
}

export interface HintsResponse {
  hints: string[];
  remaining: number;
}

/** A step as the server remembers it: revealed hints and the newest verdict. */
export interface StepState {
  stepId: string;
  hints: HintsResponse;
  lastCheck:
    | (Omit<CheckResponse, 'session' | 'stepId'> & { at: string; trigger: 'learner' | 'auto' })
    | null;
}

export interface FinishResponse {
  session: SessionView;
  summary: {
    stepId: string;
    title: string;
    passed: boolean;
    attempts: number;
    firstAttemptAt: string | null;
    passedAt: string | null;
  }[];
}

/** `GET /api/sessions/:id/events`: the session while it is being made. */
export type ProgressEvent = SessionView & { elapsedSeconds: number };

/** `GET /api/sessions/:id/auto-check`: a step the server saw done. */
export interface StepPassedEvent {
  type: 'step-passed';
  stepId: string;
  attemptId: string;
  session: SessionView;
}
