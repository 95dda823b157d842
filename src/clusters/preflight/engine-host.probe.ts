import Docker from 'dockerode';
import type { DockerTarget } from '../docker/docker-endpoint.js';
import { diskItem, engineHost, inotifyItems } from './host-limits.probe.js';
import type { PreflightItem } from './preflight.types.js';

/**
 * What a throwaway container prints: the host's inotify limits (a container without a user
 * namespace of its own sees its host's) and the free space of its root file system, which lives
 * where that engine keeps containers. A fixed script: nothing from outside is spliced in.
 */
const SCRIPT =
  'cat /proc/sys/fs/inotify/max_user_watches /proc/sys/fs/inotify/max_user_instances; df -Pk /';

/** The probe's output → values; undefined where a line is missing or unreadable. */
export function parseEngineHost(output: string): {
  inotify: Partial<Record<string, string>>;
  freeBytes?: number;
} {
  const lines = output.replace(/\r/g, '').split('\n');
  const number = (line = '') => (/^\d+$/.test(line.trim()) ? line.trim() : undefined);
  const df = lines.find((line) => /^\S+\s+\d+\s+\d+\s+\d+\s+\d+%/.test(line));
  const available = df?.split(/\s+/)[3];
  return {
    inotify: { max_user_watches: number(lines[0]), max_user_instances: number(lines[1]) },
    freeBytes: available ? Number(available) * 1024 : undefined,
  };
}

/** Items of a host that could not be read: warnings that say so, never a pass. */
export function notCheckedItems(engine: string, reason: string): PreflightItem[] {
  const base = { required: false, ok: false, found: `not checked: ${reason}` };
  return [
    {
      ...base,
      id: 'inotify-limits',
      label: `inotify limits on the host of engine ${engine}`,
      problem: `The inotify limits of engine ${engine}'s host could not be read (${reason}); too low, several kind clusters there fail to start`,
      fixEn: `On that host: sysctl -w fs.inotify.max_user_watches=524288 fs.inotify.max_user_instances=512`,
      problemDe: `Die inotify-Grenzen des Rechners der Docker-Engine ${engine} ließen sich nicht lesen.`,
      fixDe: `Auf diesem Rechner: sysctl -w fs.inotify.max_user_watches=524288 fs.inotify.max_user_instances=512`,
    },
    {
      ...base,
      id: 'disk',
      label: `free disk on the host of engine ${engine}`,
      problem: `The free disk of engine ${engine}'s host could not be read (${reason})`,
      fixEn: 'Check with df on that host that Docker has ≥ 10 GiB free.',
      problemDe: `Der freie Speicher des Rechners der Docker-Engine ${engine} ließ sich nicht lesen.`,
      fixDe: 'Mit df auf diesem Rechner prüfen, dass Docker ≥ 10 GiB frei hat.',
    },
  ];
}

export function engineHostItems(engine: string, output: string): PreflightItem[] {
  const values = parseEngineHost(output);
  const disk = values.freeBytes;
  return [
    ...inotifyItems((key) => values.inotify[key], engineHost(engine)),
    disk === undefined
      ? notCheckedItems(engine, 'df printed nothing usable')[1]
      : diskItem(disk, `for Docker on engine ${engine}`),
  ];
}

/** Answers that were read stay for a while: limits and disk change slowly, a container does not come free. */
const READ_TTL_MS = 5 * 60_000;
const answered = new Map<string, { at: number; items: PreflightItem[] }>();

/**
 * The host limits of a remote engine, which the server's own /proc and disk say nothing about:
 * read by a short-lived container of the node image on that engine (no network, no
 * capabilities). Without the image there, the items say "not checked".
 */
export async function probeEngineHost(
  target: DockerTarget,
  engine: string,
  nodeImage: string,
  now = Date.now(),
): Promise<PreflightItem[]> {
  const key = `${target.endpoint} ${nodeImage}`;
  const known = answered.get(key);
  if (known && now - known.at < READ_TTL_MS) return known.items;
  const result = await runProbe(target, nodeImage);
  if ('notChecked' in result) return notCheckedItems(engine, result.notChecked);
  const items = engineHostItems(engine, result.output);
  answered.set(key, { at: now, items });
  return items;
}

async function runProbe(
  target: DockerTarget,
  nodeImage: string,
): Promise<{ output: string } | { notChecked: string }> {
  if (!nodeImage) return { notChecked: 'no node image configured to run the probe in' };
  const docker = new Docker({ ...target.options, timeout: 30_000 });
  try {
    await docker.getImage(nodeImage).inspect();
  } catch {
    return { notChecked: `node image ${nodeImage} is not on the engine` };
  }
  try {
    const container = await docker.createContainer({
      Image: nodeImage,
      Entrypoint: ['sh', '-c', SCRIPT],
      Labels: { 'kubelab.probe': 'engine-host' },
      // With a TTY the log is plain text (stdout and stderr in one), not Docker's framed stream.
      Tty: true,
      HostConfig: { NetworkMode: 'none', CapDrop: ['ALL'] },
    });
    try {
      await container.start();
      await container.wait();
      const logs = await container.logs({ stdout: true, stderr: true });
      return { output: logs.toString('utf8') };
    } finally {
      await container.remove({ force: true }).catch(() => undefined);
    }
  } catch (error) {
    return { notChecked: error instanceof Error ? error.message : String(error) };
  }
}
