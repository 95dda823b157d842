import type { PreflightReport } from '../clusters/preflight/preflight.types.js';

/** The German sentence an `unavailable` session shows: what is missing, and how it is fixed. */
export function unavailableMessage(report: PreflightReport): string {
  const missing = report.items.filter((i) => i.required && !i.ok);
  const problems = missing.map((i) => i.problemDe ?? i.label).join(' ');
  const fixes = missing
    .map((i) => i.fixDe)
    .filter(Boolean)
    .join(' ');
  return (
    `Für diese Übung kann auf dem Server gerade keine Umgebung erstellt werden. ${problems} ` +
    `Bitte gib der Kursleitung Bescheid. So lässt es sich beheben: ${fixes}`
  ).trim();
}
