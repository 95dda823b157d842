import type { CheckStatus, SessionStatus, StepProgress } from './session.views.js';

/** The instructor's answers under `/api/instructor/…`. */
export interface InstructorSession {
  id: string;
  learner: { id: string; name: string };
  labId: string;
  labTitle: string;
  status: SessionStatus;
  message: string | null;
  currentStep: { id: string; title: string } | null;
  steps: StepProgress[];
  progress: { passed: number; total: number };
  cluster: {
    name: string;
    driver: string;
    status: string;
    error: string | null;
    /** The Docker engine it lives on (KUBELAB_DOCKER_HOSTS name). */
    engine: string;
  } | null;
  createdAt: string;
  lastActiveAt: string;
  expiresAt: string;
  finishedAt: string | null;
}

export interface Capacity {
  sessions: Partial<Record<SessionStatus, number>>;
  clusters: { driver: string; status: string; count: number }[];
  engines: EngineView[];
}

/** One Docker engine environments are placed on, as the instructor sees it. */
export interface EngineView {
  name: string;
  /** up: answers; lost: stopped answering, its sessions were made unavailable. */
  state: 'up' | 'lost';
  since: string;
  lastCheckAt: string | null;
  /** Why the last ask failed, while it fails. */
  lastError: string | null;
  capacity: number;
  /** Environments on it that count against its capacity (learners' and the warm pool's). */
  environments: number;
  /** Of those, ready in the warm pool. */
  pooled: number;
  free: number;
  /** Environments left there when it was lost, removed once it answers again. */
  lost: number;
}

/** Why a lab was left out of the catalog. */
export interface LabProblemView {
  labId: string;
  file: string;
  line: number | null;
  path: string;
  message: string;
}

/** What keeps a lab from running here, and the operator's fix (German, from the preflight). */
export interface AvailabilityBlocker {
  label: string;
  problem: string;
  fix: string | null;
}

/** Whether a lab can run on this server now; `learnerReason` is what learners read. */
export interface LabAvailabilityRow {
  labId: string;
  title: string;
  environment: 'kind' | 'container';
  available: boolean;
  learnerReason: string | null;
  blockers: AvailabilityBlocker[];
}

export interface Overview {
  sessions: InstructorSession[];
  capacity: Capacity;
  labProblems: LabProblemView[];
  labs: LabAvailabilityRow[];
  /** When the drivers' preflight behind `labs` ran (renewed at most once a minute). */
  labsCheckedAt: string;
}

/** A check result with its technical side: what ran, what it expected, what it saw. */
export interface InstructorCheckView {
  id: string;
  kind: string;
  /** The lab's title for the check; for an answer check its question. */
  title: string | null;
  status: CheckStatus;
  /** What the learner read. */
  message: string;
  /** Command, JSONPath, pattern; null for attempts stored before details were kept. */
  detail: string | null;
  expected: unknown;
  observed: unknown;
}

export interface Attempt {
  id: string;
  stepId: string;
  passed: boolean;
  durationMs: number;
  createdAt: string;
  results: InstructorCheckView[];
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
  /** A marker row: this many commands from `seq` on were not stored (`command` says why). */
  dropped: number | null;
  /**
   * The step the command was work on, derived (rows do not store it): the step of the first
   * attempt at or after the command, else the step open now; null when neither exists.
   */
  stepId: string | null;
}

/** Newest first; `next` is the cursor of the page of older items. */
export interface PageView<T> {
  items: T[];
  total: number;
  next: string | null;
}

export interface SessionDetail {
  session: InstructorSession;
  attempts: PageView<Attempt>;
  transcript: PageView<TranscriptEntry>;
}
