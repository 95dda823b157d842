/** One thing a driver needs on its host, and what to do when it is missing. */
export interface PreflightItem {
  id: string;
  label: string;
  ok: boolean;
  /** A missing required item makes sessions `unavailable`; the others are warnings. */
  required: boolean;
  /** What was found, e.g. a version. */
  found?: string;
  /** English, for logs and doctor. */
  problem?: string;
  fixEn?: string;
  /** German, shown to learners and instructors. */
  problemDe?: string;
  fixDe?: string;
}

export interface PreflightReport {
  ok: boolean;
  checkedAt: string;
  items: PreflightItem[];
}

export function reportOf(items: PreflightItem[], now: Date): PreflightReport {
  return { ok: items.every((i) => i.ok || !i.required), checkedAt: now.toISOString(), items };
}
