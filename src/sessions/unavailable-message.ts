import type { PreflightReport } from '../clusters/preflight/preflight.types.js';

/** What an `unavailable` session shows when its environment stopped running under it. */
export const ENVIRONMENT_STOPPED_MESSAGE =
  'Deine Umgebung läuft nicht mehr: Sie wurde auf dem Server angehalten, zum Beispiel bei einem Neustart von Docker. Dein Fortschritt bleibt gespeichert – beim Fortsetzen bekommst du eine neue Umgebung.';

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
