import type { SessionStatus } from '@contract/session.views.js';

export const LEVELS: Record<string, string> = {
  einsteiger: 'Einsteiger',
  fortgeschritten: 'Fortgeschritten',
  experte: 'Experte',
};

export const STATUS_LABELS: Record<SessionStatus, string> = {
  queued: 'wartet',
  provisioning: 'wird erstellt',
  ready: 'bereit',
  failed: 'fehlgeschlagen',
  unavailable: 'nicht verfügbar',
  expired: 'abgelaufen',
  finished: 'beendet',
};

/** 0:42, 12:05, 1:02:03 */
export function clock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** "3 Std. 12 Min.", "12 Min.", "unter 1 Min." */
export function minutes(totalSeconds: number): string {
  const m = Math.floor(Math.max(0, totalSeconds) / 60);
  if (m < 1) return 'unter 1 Min.';
  const h = Math.floor(m / 60);
  return h > 0 ? `${h} Std. ${m % 60} Min.` : `${m} Min.`;
}

const timeFormat = new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat('de-DE', {
  day: '2-digit',
  month: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export function time(iso: string): string {
  return timeFormat.format(new Date(iso));
}

export function dateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** "gerade eben", "vor 5 Min.", "vor 2 Std." */
export function ago(iso: string, now = Date.now()): string {
  const seconds = (now - Date.parse(iso)) / 1000;
  if (seconds < 60) return 'gerade eben';
  return `vor ${minutes(seconds)}`;
}
