import type { LabAvailability } from '../clusters/availability/lab-availability.js';
import type { LabAvailabilityRow } from '../contract/instructor.views.js';
import type { Lab } from '../labs/lab.types.js';

/** A row of the dashboard's „Übungen auf diesem Server“: the learner's reason and the fix. */
export function toLabAvailabilityRow(
  lab: Lab,
  availability: LabAvailability | undefined,
): LabAvailabilityRow {
  return {
    labId: lab.id,
    title: lab.title,
    environment: lab.environment,
    available: availability?.available ?? true,
    learnerReason: availability?.learnerReason ?? null,
    blockers: (availability?.blockers ?? []).map((b) => ({
      label: b.label,
      problem: b.problemDe ?? b.problem ?? b.found ?? b.label,
      fix: b.fixDe ?? b.fixEn ?? null,
    })),
  };
}
