import fs from 'node:fs';
import type { PreflightItem } from './preflight.types.js';

/** kind's known issues: below these, the 4th–10th cluster on a host fails to start. */
const INOTIFY_LIMITS = [
  { key: 'max_user_watches', min: 524288 },
  { key: 'max_user_instances', min: 512 },
] as const;

const MIN_FREE_DISK_BYTES = 10 * 1024 ** 3;

export function probeInotify(procDir = '/proc/sys/fs/inotify'): PreflightItem[] {
  return INOTIFY_LIMITS.map(({ key, min }) => {
    const raw = readTrimmed(`${procDir}/${key}`);
    const ok = Number(raw) >= min;
    const command = `sysctl -w fs.inotify.${key}=${min}`;
    return {
      id: `inotify-${key}`,
      label: `fs.inotify.${key} ≥ ${min}`,
      required: false,
      ok,
      found: raw ?? 'unreadable',
      ...(ok
        ? {}
        : {
            problem: `fs.inotify.${key} is ${raw ?? 'unreadable'}; several kind clusters on this host will fail to start`,
            fixEn: `${command} (persist in /etc/sysctl.d/99-kubelab.conf)`,
            problemDe: `fs.inotify.${key} ist ${raw ?? 'nicht lesbar'}; mehrere kind-Cluster auf diesem Rechner starten dann nicht.`,
            fixDe: `${command} (dauerhaft in /etc/sysctl.d/99-kubelab.conf)`,
          }),
    };
  });
}

export function probeDisk(dir: string): PreflightItem {
  const stats = fs.statfsSync(dir);
  const free = stats.bavail * stats.bsize;
  const gib = (free / 1024 ** 3).toFixed(1);
  const ok = free >= MIN_FREE_DISK_BYTES;
  return {
    id: 'disk',
    label: 'free disk ≥ 10 GiB',
    required: false,
    ok,
    found: `${gib} GiB free in ${dir}`,
    ...(ok
      ? {}
      : {
          problem: `Only ${gib} GiB free; each kind node needs about 1–2 GiB`,
          fixEn: 'Free disk space (docker system prune) or move Docker data to a larger disk.',
          problemDe: `Nur ${gib} GiB frei; jeder kind-Knoten braucht etwa 1–2 GiB.`,
          fixDe:
            'Speicherplatz freigeben (docker system prune) oder Docker-Daten auf eine größere Platte legen.',
        }),
  };
}

function readTrimmed(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}
