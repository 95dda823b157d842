/** The server's response shapes, as the pages use them (see README, API). */
export interface LabSummary {
  id: string;
  title: string;
  summary: string;
  duration: number;
  level: string;
  environment: 'kind' | 'container';
  stepCount: number;
}

export interface Question {
  id: string;
  prompt: string;
  type: string;
}

export interface LabStep {
  id: string;
  title: string;
  html: string;
  hintCount: number;
  questions: Question[];
}

export interface LabDetail extends LabSummary {
  goals: string[];
  autoCheck?: boolean;
  /** Nodes a terminal can be opened on, e.g. control-plane, worker, worker2. */
  nodes: string[];
  steps: LabStep[];
}

export type SessionStatus =
  'queued' | 'provisioning' | 'ready' | 'failed' | 'unavailable' | 'expired' | 'finished';

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
  cluster: { name: string; status: string } | null;
  createdAt: string;
  lastActiveAt: string;
  expiresAt: string;
  finishedAt: string | null;
}

export type CheckStatus = 'pass' | 'fail' | 'error';

export interface CheckResult {
  id: string;
  kind: string;
  title?: string | null;
  status: CheckStatus;
  message: string;
  expected?: unknown;
  observed?: unknown;
}

export interface CheckResponse {
  attemptId: string;
  stepId: string;
  passed: boolean;
  checks: CheckResult[];
  hints: string[];
  session: SessionView;
}

/** A step as the server remembers it: revealed hints and the newest verdict. */
export interface StepState {
  stepId: string;
  hints: HintsResponse;
  lastCheck:
    | (Omit<CheckResponse, 'session' | 'stepId'> & { at: string; trigger: 'learner' | 'auto' })
    | null;
}

export interface HintsResponse {
  hints: string[];
  remaining: number;
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

export const LIVE: readonly SessionStatus[] = ['queued', 'provisioning', 'ready'];
