import fs from 'node:fs';
import type { PreflightItem } from './preflight.types.js';

/** kind's known issues: below these, the 4th–10th cluster on a host fails to start. */
const INOTIFY_LIMITS = [
  { key: 'max_user_watches', min: 524288 },
  { key: 'max_user_instances', min: 512 },
] as const;

const MIN_FREE_DISK_BYTES = 10 * 1024 ** 3;

/** Whose limits an item describes: kubelab's own host, or a remote engine's. */
export interface HostName {
  en: string;
  de: string;
}

export const THIS_HOST: HostName = { en: 'this host', de: 'diesem Rechner' };

export function engineHost(engine: string): HostName {
  return { en: `the host of engine ${engine}`, de: `dem Rechner der Docker-Engine ${engine}` };
}

export function probeInotify(procDir = '/proc/sys/fs/inotify'): PreflightItem[] {
  return inotifyItems((key) => readTrimmed(`${procDir}/${key}`), THIS_HOST);
}

/** `read(key)`: the value of /proc/sys/fs/inotify/<key> on the host, undefined if unreadable. */
export function inotifyItems(
  read: (key: string) => string | undefined,
  host: HostName,
): PreflightItem[] {
  return INOTIFY_LIMITS.map(({ key, min }) => {
    const raw = read(key);
    const ok = Number(raw) >= min;
    const command = `sysctl -w fs.inotify.${key}=${min}`;
    const on = host === THIS_HOST ? '' : ` on ${host.en}`;
    return {
      id: `inotify-${key}`,
      label: `fs.inotify.${key} ≥ ${min}${on}`,
      required: false,
      ok,
      found: raw ?? 'unreadable',
      ...(ok
        ? {}
        : {
            problem: `fs.inotify.${key} is ${raw ?? 'unreadable'}; several kind clusters on ${host.en} will fail to start`,
            fixEn: `${command} (persist in /etc/sysctl.d/99-kubelab.conf)${on}`,
            problemDe: `fs.inotify.${key} ist ${raw ?? 'nicht lesbar'}; mehrere kind-Cluster auf ${host.de} starten dann nicht.`,
            fixDe: `${command} (dauerhaft in /etc/sysctl.d/99-kubelab.conf)${host === THIS_HOST ? '' : ` auf ${host.de}`}`,
          }),
    };
  });
}

export function probeDisk(dir: string): PreflightItem {
  const stats = fs.statfsSync(dir);
  return diskItem(stats.bavail * stats.bsize, `in ${dir}`);
}

/** `where`: e.g. `in /var/lib/kubelab`, or `for Docker on engine b`. */
export function diskItem(freeBytes: number, where: string): PreflightItem {
  const gib = (freeBytes / 1024 ** 3).toFixed(1);
  const ok = freeBytes >= MIN_FREE_DISK_BYTES;
  return {
    id: 'disk',
    label: 'free disk ≥ 10 GiB',
    required: false,
    ok,
    found: `${gib} GiB free ${where}`,
    ...(ok
      ? {}
      : {
          problem: `Only ${gib} GiB free ${where}; each kind node needs about 1–2 GiB`,
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
