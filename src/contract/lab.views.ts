/** Whether this server can run a lab now; the operator's side of it is on the instructor page. */
export interface LabAvailabilityView {
  available: boolean;
  /** German, for the learner, when not available: what is missing, never how to install it. */
  reason: string | null;
}

/** The catalog's answers: `GET /api/labs` and `GET /api/labs/:id`. */
export interface LabSummary {
  id: string;
  title: string;
  summary: string;
  duration: number;
  level: string;
  environment: 'kind' | 'container';
  stepCount: number;
  availability: LabAvailabilityView;
}

/** An input field of an `answer` check; its expected value stays on the server. */
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
  /** Where a terminal can be opened, e.g. control-plane, worker, worker2; `toolbox` in shared mode. */
  nodes: string[];
  steps: LabStep[];
}
