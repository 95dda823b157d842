/** A rule a lab breaks: the file (relative to the lab) and, for lab.yaml, the field path. */
export interface LintFinding {
  file: string;
  path: (string | number)[];
  message: string;
}
