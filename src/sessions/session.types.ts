import type { SessionStatus } from '../contract/session.views.js';

export { LIVE_STATUSES, SESSION_STATUSES, type SessionStatus } from '../contract/session.views.js';

export interface StepProgressRecord {
  stepId: string;
  attempts: number;
  hintsRevealed: number;
  passedAt: Date | null;
}

export interface SessionRecord {
  id: string;
  learnerId: string;
  labId: string;
  labHash: string;
  status: SessionStatus;
  message: string | null;
  currentStep: string | null;
  clusterId: string | null;
  createdAt: Date;
  /** When the environment was last made ready: after its setup and the replay of passed steps. */
  readyAt: Date | null;
  lastActiveAt: Date;
  expiresAt: Date;
  finishedAt: Date | null;
  steps: StepProgressRecord[];
  cluster: { name: string; status: string; driver: string; dockerEndpoint: string } | null;
}

export interface AttemptRecord {
  id: string;
  stepId: string;
  passed: boolean;
  durationMs: number;
  createdAt: Date;
}
