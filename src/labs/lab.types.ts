import type { LabMode } from './modes/lab-mode.js';
import type { LabSpec, StepSpec } from './schema/lab.schema.js';

export interface LoadedStep extends StepSpec {
  /**
   * The step's German text: Markdown as written, with every mode's blocks (in a lab as loaded)
   * or as one mode shows it (in `labInMode`'s view), and that text rendered to safe HTML.
   */
  markdown: string;
  html: string;
  /** The reference solution's files in order, with their text. */
  solutions: SolutionFile[];
  /** What the step breaks when it begins (`setup`), in order, with their text. */
  setupFiles: SolutionFile[];
}

export interface SolutionFile {
  /** Relative to the lab folder, e.g. `solutions/03-policy.yaml`. */
  file: string;
  /** `manifest`: applied through the API; `script`: bash in the control-plane node (or the container). */
  type: 'manifest' | 'script';
  text: string;
  /** A step setup or solution file limited to some modes. */
  modes?: LabMode[];
}

export interface Lab extends Omit<LabSpec, 'steps'> {
  /** The folder name, e.g. `03-dns`. */
  id: string;
  dir: string;
  /** sha256 over every file of the lab; a session remembers the version it started with. */
  contentHash: string;
  steps: LoadedStep[];
  /** The mode this view of the lab is for (set by `labInMode`); unset: as written. */
  shownIn?: LabMode;
}

/** Why a lab was left out of the catalog: file, field path, line and reason. */
export interface LabProblem {
  labId: string;
  file: string;
  path: string;
  line?: number;
  message: string;
}
