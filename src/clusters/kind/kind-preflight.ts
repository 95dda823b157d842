import type { Clock } from '../../common/adapters/clock.js';
import type { AppConfigService } from '../../config/app-config.js';
import { dockerEnginesOf } from '../engines/docker-engines.js';
import { probeAddressPoolsAt } from '../preflight/address-pools.probe.js';
import { probeCgroup, probeDocker } from '../preflight/docker.probe.js';
import { notCheckedItems, probeEngineHost } from '../preflight/engine-host.probe.js';
import { probeDisk, probeInotify } from '../preflight/host-limits.probe.js';
import { probeKind } from '../preflight/kind.probe.js';
import { probeNftQueue } from '../preflight/nft-queue.probe.js';
import { probeNodeImage } from '../preflight/node-image.probe.js';
import { probeToolboxImage } from '../preflight/toolbox-image.probe.js';
import {
  reportOf,
  type PreflightItem,
  type PreflightReport,
} from '../preflight/preflight.types.js';
import type { ToolboxSettings } from './kind-toolbox.js';

/**
 * What kind clusters need on one engine: the engine itself (Docker, images, address pools,
 * kernel), kind here (kind always runs on the kubelab server), and the host limits where the
 * nodes run. `toolbox`: shared mode's toolbox, whose image must be there too.
 */
export async function runKindPreflight(
  config: AppConfigService,
  clock: Clock,
  endpoint: string,
  toolbox: ToolboxSettings | undefined,
): Promise<PreflightReport> {
  const engines = dockerEnginesOf(config);
  const target = engines.target(endpoint);
  const capacity = engines.find(endpoint)?.capacity ?? config.get('KUBELAB_MAX_CLUSTERS');
  const [docker, kind] = await Promise.all([
    probeDocker(target),
    probeKind(config.get('KUBELAB_KIND_BIN')),
  ]);
  const nodeImage = config.get('KUBELAB_KIND_NODE_IMAGE');
  const engine = docker.ok
    ? await Promise.all([
        probeNodeImage(target, nodeImage),
        ...(toolbox ? [probeToolboxImage(target, toolbox.image)] : []),
        probeAddressPoolsAt(target, capacity),
        probeCgroup(target),
        probeNftQueue(target, nodeImage),
      ])
    : [];
  const host = await hostLimits(config, clock, endpoint, docker.ok);
  return reportOf([docker, ...engine, ...kind, ...host], clock.now());
}

/**
 * inotify limits and disk where the nodes run: this host's for a local socket, else read on
 * the engine's host (engine-host.probe.ts); the server's own say nothing about a remote one.
 */
async function hostLimits(
  config: AppConfigService,
  clock: Clock,
  endpoint: string,
  reachable: boolean,
): Promise<PreflightItem[]> {
  if (endpoint.startsWith('unix:')) return [...probeInotify(), probeDisk(process.cwd())];
  const engines = dockerEnginesOf(config);
  const name = engines.nameOf(endpoint);
  if (!reachable) return notCheckedItems(name, 'the engine does not answer');
  const nodeImage = config.get('KUBELAB_KIND_NODE_IMAGE');
  return probeEngineHost(engines.target(endpoint), name, nodeImage, clock.now().getTime());
}
