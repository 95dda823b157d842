import fs from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import type { EnvironmentHandle } from '../environment-handle.js';
import { DriverError } from '../environment-driver.js';
import type { ContainerSettings } from './container-profile.js';
import { poll } from '../../common/poll.js';

const NETLAB_DIR = path.resolve(import.meta.dirname, '../../../docker/netlab');
const SECCOMP_PROFILE = path.join(NETLAB_DIR, 'seccomp-userns.json');

/** The scripts in the image (docker/netlab/rootfs/usr/local/lib/kubelab). */
export const WORLD_START = '/usr/local/lib/kubelab/world-start';
export const ENTER_WORLD = '/usr/local/lib/kubelab/enter-world';

/** The unprivileged user the container runs as; root inside the learner's world only. */
export const WORLD_USER = '1000:1000';

/** enter-world's exit codes when it cannot run the command. */
export const WORLD_NOT_RUNNING = 125;
export const WORLD_TAMPERED = 126;

let seccompProfile: string | undefined;

/** Docker's default seccomp profile plus creating and entering user namespaces (see the file). */
function seccomp(): string {
  seccompProfile ??= JSON.stringify(JSON.parse(fs.readFileSync(SECCOMP_PROFILE, 'utf8')));
  return seccompProfile;
}

/**
 * A container environment holds no privilege of the host: an unprivileged user, no
 * capabilities, no-new-privileges, a read-only image, no network at all, memory and pid
 * limits. The learner's world is a user namespace the container's user creates (world-start),
 * with network, mount and pid namespaces of its own: root in there, nobody outside.
 *
 * Docker's masked and read-only /proc paths are left out because the kernel lets a user
 * namespace mount a new /proc only where the existing one is fully visible; they protect
 * against a root in the container, and there is none: the container's user cannot write
 * /proc/sys nor read root-only files such as /proc/kcore.
 */
export function worldContainerSpec(
  name: string,
  settings: ContainerSettings,
  labels: Record<string, string>,
  extraLabels: Record<string, string>,
): Docker.ContainerCreateOptions {
  return {
    name,
    Hostname: name,
    Image: settings.image,
    Cmd: [WORLD_START],
    User: WORLD_USER,
    Labels: { ...labels, ...extraLabels },
    HostConfig: {
      NetworkMode: 'none',
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges', `seccomp=${seccomp()}`],
      MaskedPaths: [],
      ReadonlyPaths: [],
      ReadonlyRootfs: true,
      // Exec plumbing (pid files for timeouts) outside the world; the world mounts its own /tmp.
      Tmpfs: { '/tmp': 'rw,nosuid,nodev,size=16m' },
      Memory: settings.memoryMb * 1024 * 1024,
      PidsLimit: settings.pidsLimit,
      Init: true,
    },
  };
}

/** Waits until enter-world reaches the world; a container that stopped fails with its log. */
export async function waitForWorld(
  handle: EnvironmentHandle,
  container: Docker.Container,
  attempts = 50,
): Promise<void> {
  const reached = await poll(
    async () => {
      const result = await handle.execInNode('control-plane', ['true']).catch(() => undefined);
      if (result?.exitCode === 0) return true;
      const state = await container.inspect().then((c) => c.State);
      if (!state.Running) throw worldFailed(await containerLog(container));
      return false;
    },
    (done) => done,
    { intervalMs: 100, attempts },
  );
  if (!reached) throw worldFailed(await containerLog(container));
}

async function containerLog(container: Docker.Container): Promise<string> {
  const log = await container.logs({ stdout: true, stderr: true, tail: 20 }).catch(() => '');
  return log.toString().trim();
}

function worldFailed(log: string): DriverError {
  return new DriverError(
    `the learner's world did not start: ${log || 'no output'}`,
    'Deine Übungsumgebung konnte nicht gestartet werden. Bitte gib der Kursleitung Bescheid.',
    `${log}\nThe host must allow unprivileged user namespaces (user.max_user_namespaces > 0; ` +
      'on Ubuntu ≥ 23.10 also kernel.apparmor_restrict_unprivileged_userns=0) and run the ' +
      'container without an AppArmor profile that forbids mount.',
  );
}
