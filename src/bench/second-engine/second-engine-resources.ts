import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';

/**
 * What a test engine leaves on the host engine: a container, a volume (its /var/lib/docker)
 * and a network, all named `kubelab-test-engine-<name>` (not `kl-`: those are the server's, and
 * its reconciliation removes them) and labelled with the engine's name and the pid of the
 * process that made them, so leftovers of a crashed run are found and the engines of a running
 * test file are not. The temporary folder with the engine's TLS material (also named
 * `kubelab-test-engine-…`) is named in a label too, so it goes with them.
 */
export const ENGINE_LABEL = 'dev.kubelab.test-engine';
export const ENGINE_OWNER_LABEL = 'dev.kubelab.test-engine.owner-pid';
export const ENGINE_TLS_DIR_LABEL = 'dev.kubelab.test-engine.tls-dir';
export const ENGINE_PREFIX = 'kubelab-test-engine-';

/** Engines get a /24 each out of this /16, which is none of Docker's default address pools. */
const SUBNET_BASE = [10, 213];

export function engineLabels(name: string, tlsDir?: string): Record<string, string> {
  const labels = { [ENGINE_LABEL]: name, [ENGINE_OWNER_LABEL]: String(process.pid) };
  return tlsDir ? { ...labels, [ENGINE_TLS_DIR_LABEL]: tlsDir } : labels;
}

/**
 * A network with a subnet chosen here, so the server certificate can name the engine's address
 * before the engine exists. Starts at a /24 derived from the name and moves on past subnets
 * other networks (other test engines) hold.
 */
export async function createEngineNetwork(
  host: Docker,
  name: string,
): Promise<{ network: string; address: string }> {
  const network = ENGINE_PREFIX + name;
  const first = [...name].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 256;
  for (let i = 0; i < 256; i++) {
    const octet = (first + i) % 256;
    const prefix = `${SUBNET_BASE.join('.')}.${octet}`;
    try {
      await host.createNetwork({
        Name: network,
        Driver: 'bridge',
        Labels: engineLabels(name),
        IPAM: { Config: [{ Subnet: `${prefix}.0/24`, Gateway: `${prefix}.1` }] },
      });
      return { network, address: `${prefix}.2` };
    } catch (error) {
      if (!/overlap/i.test(String(error))) throw error;
    }
  }
  throw new Error(`no free /24 left in ${SUBNET_BASE.join('.')}.0.0/16 for test engine ${name}`);
}

/**
 * Removes the container, volume and network labelled with `filter` (`key` or `key=value`) and
 * the TLS folders they name.
 */
export async function removeEngineResources(host: Docker, filter: string): Promise<void> {
  const filters = { label: [filter] };
  const containers = await host.listContainers({ all: true, filters });
  const { Volumes: volumes } = await host.listVolumes({ filters });
  const networks = await host.listNetworks({ filters });
  for (const c of containers) await host.getContainer(c.Id).remove({ force: true, v: true });
  for (const v of volumes ?? []) await host.getVolume(v.Name).remove();
  for (const n of networks) await host.getNetwork(n.Id).remove();
  const labels = [...containers, ...(volumes ?? []), ...networks].map((r) => r.Labels ?? {});
  for (const dir of new Set(labels.map((l) => l[ENGINE_TLS_DIR_LABEL]))) removeTlsDir(dir);
}

/** Only a folder this harness made: directly in the temporary folder, with its prefix. */
function removeTlsDir(dir: string | undefined): void {
  if (!dir || path.dirname(dir) !== os.tmpdir() || !path.basename(dir).startsWith(ENGINE_PREFIX))
    return;
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Removes the test engines of processes that are gone (a crashed or killed earlier run);
 * engines of running processes, another test file's among them, stay.
 */
export async function removeLeftoverEngines(host = new Docker()): Promise<void> {
  const filters = { label: [ENGINE_LABEL] };
  const owners = [
    ...(await host.listContainers({ all: true, filters })).map((c) => c.Labels),
    ...((await host.listVolumes({ filters })).Volumes ?? []).map((v) => v.Labels ?? {}),
    ...(await host.listNetworks({ filters })).map((n) => n.Labels ?? {}),
  ];
  const gone = new Set(
    owners
      .filter((labels) => !alive(Number(labels[ENGINE_OWNER_LABEL])))
      .map((l) => l[ENGINE_LABEL]),
  );
  for (const name of gone) await removeEngineResources(host, `${ENGINE_LABEL}=${name}`);
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
