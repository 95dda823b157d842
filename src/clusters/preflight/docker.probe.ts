import Docker from 'dockerode';
import type { DockerTarget } from '../docker/docker-endpoint.js';
import type { PreflightItem } from './preflight.types.js';

const LOCAL_FIX = {
  fixEn:
    'Install and start Docker (Debian: apt-get install -y docker.io && systemctl start docker), or set KUBELAB_DOCKER_HOST.',
  fixDe:
    'Docker installieren und starten (Debian: apt-get install -y docker.io && systemctl start docker) oder KUBELAB_DOCKER_HOST setzen.',
};

const REMOTE_FIX = {
  fixEn:
    'Start Docker on that host, reachable from this server (tcp:// with TLS on port 2376, see README "Several Docker hosts"), and check the engine\'s endpoint and tls= folder in KUBELAB_DOCKER_HOSTS.',
  fixDe:
    'Docker auf diesem Rechner starten, vom kubelab-Server erreichbar (tcp:// mit TLS auf Port 2376, siehe README „Several Docker hosts“), und Endpunkt und tls=-Ordner der Engine in KUBELAB_DOCKER_HOSTS prüfen.',
};

/** Docker engine reachable: ping, then the server version. */
export async function probeDocker(target: DockerTarget, timeoutMs = 3000): Promise<PreflightItem> {
  const base = { id: 'docker', label: 'Docker engine', required: true };
  try {
    const docker = new Docker({ ...target.options, timeout: timeoutMs });
    await docker.ping();
    const version = await docker.version();
    return { ...base, ok: true, found: `${version.Version} at ${target.endpoint}` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      ok: false,
      problem: `Docker engine not reachable at ${target.endpoint} (${reason})`,
      // Learners read this: the endpoint (a socket path, a host) is only in `problem`.
      problemDe: 'Die Docker-Engine ist nicht erreichbar.',
      ...(target.endpoint.startsWith('unix:') ? LOCAL_FIX : REMOTE_FIX),
    };
  }
}

/**
 * cgroup v1 is deprecated upstream: kubelet ≥ 1.35 refuses it unless `failCgroupV1: false`
 * (kubelab's kind config sets it), kind ≥ v0.32 warns, and a later Kubernetes will drop it.
 */
export function cgroupItem(cgroupVersion: string | undefined): PreflightItem {
  const base = { id: 'cgroup-version', label: 'cgroup v2 on the Docker host', required: false };
  if (cgroupVersion !== '1') return { ...base, ok: true, found: `cgroup v${cgroupVersion ?? '?'}` };
  return {
    ...base,
    ok: false,
    found: 'cgroup v1',
    problem:
      'The Docker host runs cgroup v1, which Kubernetes deprecates: kubelet ≥ 1.35 starts only because kubelab sets failCgroupV1: false, and a future release will not start at all',
    fixEn:
      'Boot the host with cgroup v2 (systemd.unified_cgroup_hierarchy=1 on the kernel command line).',
    problemDe:
      'Der Docker-Rechner nutzt cgroup v1. Kubernetes stuft das als veraltet ein: kubelet ab 1.35 startet nur, weil kubelab failCgroupV1: false setzt.',
    fixDe:
      'Den Rechner mit cgroup v2 starten (systemd.unified_cgroup_hierarchy=1 in der Kernel-Kommandozeile).',
  };
}

export async function probeCgroup(target: DockerTarget, timeoutMs = 3000): Promise<PreflightItem> {
  try {
    const docker = new Docker({ ...target.options, timeout: timeoutMs });
    const info = (await docker.info()) as { CgroupVersion?: string };
    return cgroupItem(info.CgroupVersion);
  } catch {
    return cgroupItem(undefined);
  }
}
