import Docker from 'dockerode';
import type { DockerTarget } from '../docker/docker-endpoint.js';
import { DOCKER_BUILT_IN_POOLS, poolUsage, type AddressPool } from './address-pools.js';
import type { PreflightItem } from './preflight.types.js';

/** What the probe reads from Docker; dockerode's client, or a fake in tests. */
export type DockerNetworkSource = Pick<Docker, 'info' | 'listNetworks'>;

const DAEMON_JSON = '{"default-address-pools": [{"base": "10.210.0.0/16", "size": 24}]}';

/**
 * Every environment gets a Docker network of its own, and Docker hands out subnets only from
 * its default address pools (built in: 31 networks). Warns when what is left there is less than
 * the environments KUBELAB_MAX_CLUSTERS still allows; kubelab's own `kl-` networks count as made.
 */
export async function probeAddressPools(
  docker: DockerNetworkSource,
  maxClusters: number,
): Promise<PreflightItem> {
  const base = {
    id: 'docker-address-pools',
    label: 'Docker address pools (one network per environment)',
    required: false,
  };
  let configured: AddressPool[] | undefined;
  let networks: Docker.NetworkInspectInfo[];
  try {
    const info = (await docker.info()) as {
      DefaultAddressPools?: { Base: string; Size: number }[] | null;
    };
    configured = info.DefaultAddressPools?.map((p) => ({ base: p.Base, size: p.Size }));
    networks = await docker.listNetworks();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      ok: false,
      found: 'not determined',
      problem: `Could not read Docker's address pools and networks (${reason})`,
      problemDe: 'Die Adressbereiche und Netzwerke von Docker ließen sich nicht lesen.',
    };
  }
  const pools = configured?.length ? configured : DOCKER_BUILT_IN_POOLS;
  const subnets = networks
    .filter((n) => n.Scope === 'local')
    .flatMap((n) => (n.IPAM?.Config ?? []).map((c) => c.Subnet ?? ''));
  const { total, used } = poolUsage(pools, subnets);
  const free = total - used;
  const ours = networks.filter((n) => n.Name.startsWith('kl-')).length;
  const needed = Math.max(0, maxClusters - ours);
  const source = configured?.length ? 'default-address-pools' : "Docker's built-in pools";
  const ok = free >= needed;
  return {
    ...base,
    ok,
    found: `${used} of ${total} subnets in use (${source}), room for ${free} more networks; ${ours} kubelab networks, KUBELAB_MAX_CLUSTERS=${maxClusters}`,
    ...(ok
      ? {}
      : {
          problem: `Docker's address pools have room for ${free} more networks, but KUBELAB_MAX_CLUSTERS allows ${needed} more environments, each on its own network; beyond that creations fail with "could not find an available, non-overlapping IPv4 address pool"`,
          fixEn: `Set ${DAEMON_JSON} in /etc/docker/daemon.json (256 networks; pick a range your network does not use) and restart Docker (systemctl restart docker), or lower KUBELAB_MAX_CLUSTERS.`,
          problemDe: `Docker hat nur noch Adressbereiche für ${free} weitere Netzwerke, KUBELAB_MAX_CLUSTERS erlaubt aber ${needed} weitere Umgebungen mit je einem eigenen Netzwerk; darüber hinaus schlägt das Anlegen fehl.`,
          fixDe: `In /etc/docker/daemon.json ${DAEMON_JSON} eintragen (256 Netzwerke; einen im eigenen Netz unbenutzten Bereich wählen) und Docker neu starten (systemctl restart docker), oder KUBELAB_MAX_CLUSTERS senken.`,
        }),
  };
}

/** The probe against the Docker engine at a DOCKER_HOST-style endpoint. */
export function probeAddressPoolsAt(
  target: DockerTarget,
  maxClusters: number,
  timeoutMs = 3000,
): Promise<PreflightItem> {
  return probeAddressPools(new Docker({ ...target.options, timeout: timeoutMs }), maxClusters);
}
