import Docker from 'dockerode';
import { dockerOptions } from '../docker/docker-endpoint.js';
import type { PreflightItem } from './preflight.types.js';

/** Docker engine reachable: ping, then the server version. */
export async function probeDocker(endpoint: string, timeoutMs = 3000): Promise<PreflightItem> {
  const base = { id: 'docker', label: 'Docker engine', required: true };
  try {
    const docker = new Docker({ ...dockerOptions(endpoint), timeout: timeoutMs });
    await docker.ping();
    const version = await docker.version();
    return { ...base, ok: true, found: `${version.Version} at ${endpoint}` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      ok: false,
      problem: `Docker engine not reachable at ${endpoint} (${reason})`,
      fixEn:
        'Install and start Docker (Debian: apt-get install -y docker.io && systemctl start docker), or set KUBELAB_DOCKER_HOST.',
      problemDe: `Die Docker-Engine ist unter ${endpoint} nicht erreichbar.`,
      fixDe:
        'Docker installieren und starten (Debian: apt-get install -y docker.io && systemctl start docker) oder KUBELAB_DOCKER_HOST setzen.',
    };
  }
}
