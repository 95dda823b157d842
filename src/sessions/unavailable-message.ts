/** What an `unavailable` session shows when its environment stopped running under it. */
export const ENVIRONMENT_STOPPED_MESSAGE =
  'Deine Umgebung läuft nicht mehr: Sie wurde auf dem Server angehalten, zum Beispiel bei einem Neustart von Docker. Dein Fortschritt bleibt gespeichert – beim Fortsetzen bekommst du eine neue Umgebung.';
