import { Injectable, Logger } from '@nestjs/common';
import Docker from 'dockerode';
import { Clock } from '../../common/adapters/clock.js';
import { AppConfigService } from '../../config/app-config.js';
import type { ClusterHandle } from '../cluster-handle.js';
import {
  DriverError,
  type ClusterCreateSpec,
  type ClusterDriver,
  type ClusterInfo,
  type EnvironmentSpec,
  type ProvisionProgress,
} from '../cluster-driver.js';
import { CachedPreflight } from '../preflight/cached-preflight.js';
import { dockerOptions } from '../docker/docker-endpoint.js';
import { probeAddressPoolsAt } from '../preflight/address-pools.probe.js';
import { probeDocker } from '../preflight/docker.probe.js';
import {
  reportOf,
  type PreflightItem,
  type PreflightReport,
} from '../preflight/preflight.types.js';
import { ContainerClusterHandle } from './container-cluster-handle.js';
import { CONTAINER_LABELS } from './container-labels.js';
import { removeLeakedNetworks } from './container-networks.js';
import { ensureImage, imageExists } from './container-image.js';
import {
  containerProfile,
  containerSettings,
  type ContainerSettings,
} from './container-profile.js';

const STAGES = 3;

/**
 * One Docker container per session for Linux networking labs: its own network, the
 * capabilities the lab asks for (NET_ADMIN, NET_RAW, SYS_ADMIN at most), never privileged,
 * Docker's default seccomp/AppArmor kept, no-new-privileges, memory and pid limits, no host
 * mounts, no published ports.
 */
@Injectable()
export class ContainerDriver implements ClusterDriver {
  readonly type = 'container' as const;
  private readonly logger = new Logger(ContainerDriver.name);
  private readonly cachedPreflight: CachedPreflight;

  constructor(
    private readonly config: AppConfigService,
    private readonly clock: Clock,
  ) {
    this.cachedPreflight = new CachedPreflight(clock, () => this.runPreflight());
  }

  preflight(): Promise<PreflightReport> {
    return this.cachedPreflight.get();
  }

  private async runPreflight(): Promise<PreflightReport> {
    const endpoint = this.config.get('KUBELAB_DOCKER_HOST');
    const docker = await probeDocker(endpoint);
    const items: PreflightItem[] = [docker];
    if (docker.ok)
      items.push(
        await probeAddressPoolsAt(endpoint, this.config.get('KUBELAB_MAX_CLUSTERS')),
        await this.imageItem(this.docker(endpoint)),
      );
    return reportOf(items, this.clock.now());
  }

  private async imageItem(docker: Docker): Promise<PreflightItem> {
    const image = this.config.get('KUBELAB_CONTAINER_IMAGE');
    const present = await imageExists(docker, image);
    return {
      id: 'container-image',
      label: `image ${image}`,
      required: false,
      ok: present,
      found: present ? 'present' : 'missing',
      ...(present
        ? {}
        : {
            problem: `Image ${image} is missing; kubelab builds it from docker/netlab/Dockerfile on first use (needs a registry for its base image)`,
            fixEn: `Without a registry: scripts/images/build-netlab-image.sh ${image}`,
            problemDe: `Das Image ${image} fehlt; kubelab baut es beim ersten Start (dafür braucht Docker eine Registry).`,
            fixDe: `Ohne Registry: scripts/images/build-netlab-image.sh ${image}`,
          }),
    };
  }

  /** Image, capabilities and the limits from configuration. */
  profileOf(spec: EnvironmentSpec): string {
    return containerProfile(this.settings(spec));
  }

  private settings(spec: EnvironmentSpec): ContainerSettings {
    return containerSettings(spec.container, {
      image: this.config.get('KUBELAB_CONTAINER_IMAGE'),
      memoryMb: this.config.get('KUBELAB_CONTAINER_MEMORY_MB'),
      pidsLimit: this.config.get('KUBELAB_CONTAINER_PIDS_LIMIT'),
    });
  }

  async create(
    spec: ClusterCreateSpec,
    onProgress?: (p: ProvisionProgress) => void,
  ): Promise<ClusterHandle> {
    assertOwnName(spec.name);
    try {
      return await this.createContainer(spec, onProgress);
    } catch (error) {
      throw error instanceof DriverError ? error : containerCreateError(error);
    }
  }

  private async createContainer(
    spec: ClusterCreateSpec,
    onProgress?: (p: ProvisionProgress) => void,
  ): Promise<ClusterHandle> {
    const docker = this.docker(spec.dockerEndpoint);
    const settings = this.settings(spec);
    const image = settings.image;
    const labels = {
      [CONTAINER_LABELS.managed]: 'true',
      [CONTAINER_LABELS.instance]: this.config.get('KUBELAB_INSTANCE'),
      [CONTAINER_LABELS.cluster]: spec.name,
    };

    onProgress?.({ stage: 'Image wird geprüft', step: 1, of: STAGES });
    await ensureImage(docker, image, () =>
      onProgress?.({ stage: 'Image wird gebaut (einmalig)', step: 1, of: STAGES }),
    );

    onProgress?.({ stage: 'Netzwerk wird angelegt', step: 2, of: STAGES });
    // Internal: the learner's container reaches neither other learners nor the internet.
    await docker.createNetwork({
      Name: spec.name,
      Driver: 'bridge',
      Internal: true,
      Labels: labels,
    });

    onProgress?.({ stage: 'Container startet', step: 3, of: STAGES });
    const container = await docker.createContainer({
      name: spec.name,
      Hostname: spec.name,
      Image: image,
      Cmd: ['sleep', 'infinity'],
      Labels: { ...labels, [CONTAINER_LABELS.role]: 'control-plane' },
      HostConfig: {
        NetworkMode: spec.name,
        CapAdd: settings.capabilities,
        SecurityOpt: ['no-new-privileges'],
        Memory: settings.memoryMb * 1024 * 1024,
        PidsLimit: settings.pidsLimit,
        // A fresh Linux host forwards no packets: the lab has the learner switch it on.
        Sysctls: { 'net.ipv4.ip_forward': '0' },
        Init: true,
      },
    });
    await container.start();
    const handle = new ContainerClusterHandle(spec.name, docker);
    await this.openNetSysctls(handle);
    return handle;
  }

  /**
   * Docker mounts /proc/sys read-only, so `echo 1 > /proc/sys/net/ipv4/ip_forward` would fail.
   * Only /proc/sys/net is made writable: in a container's own network namespace every writable
   * entry there is per namespace, so the learner changes their container and nothing of the
   * host. The rest of /proc/sys (kernel.*, vm.*: host-wide) stays read-only.
   */
  private async openNetSysctls(handle: ClusterHandle): Promise<void> {
    const result = await handle.execInNode('control-plane', [
      'sh',
      '-c',
      'mount --bind /proc/sys/net /proc/sys/net && mount -o remount,bind,rw /proc/sys/net',
    ]);
    if (result.exitCode !== 0) {
      this.logger.warn(`${handle.name}: /proc/sys/net stays read-only: ${result.stderr.trim()}`);
    }
  }

  async destroy(name: string, dockerEndpoint: string): Promise<void> {
    assertOwnName(name);
    const docker = this.docker(dockerEndpoint);
    await removeContainer(docker, name);
    await ignoreNotFound(docker.getNetwork(name).remove());
  }

  async list(dockerEndpoint: string): Promise<ClusterInfo[]> {
    const containers = await this.docker(dockerEndpoint).listContainers({
      all: true,
      filters: {
        label: [
          `${CONTAINER_LABELS.managed}=true`,
          `${CONTAINER_LABELS.instance}=${this.config.get('KUBELAB_INSTANCE')}`,
        ],
      },
    });
    return containers
      .map((c) => ({
        name: c.Labels[CONTAINER_LABELS.cluster] ?? '',
        running: c.State === 'running',
      }))
      .filter(({ name }) => name.startsWith('kl-'))
      .map(({ name, running }) => ({ name, dockerEndpoint, nodes: [name], running }));
  }

  removeLeakedNetworks(
    dockerEndpoint: string,
    keep: () => Promise<ReadonlySet<string>>,
  ): Promise<string[]> {
    const instance = this.config.get('KUBELAB_INSTANCE');
    return removeLeakedNetworks(this.docker(dockerEndpoint), instance, keep);
  }

  handle(name: string, dockerEndpoint: string): Promise<ClusterHandle> {
    return Promise.resolve(new ContainerClusterHandle(name, this.docker(dockerEndpoint)));
  }

  private docker(endpoint: string): Docker {
    return new Docker(dockerOptions(endpoint));
  }
}

function assertOwnName(name: string): void {
  if (!/^kl-[a-z0-9-]+$/.test(name))
    throw new Error(`Refusing to touch "${name}": not a kubelab environment`);
}

/** Removes a container; one that another call is already removing is waited for. */
async function removeContainer(docker: Docker, name: string): Promise<void> {
  try {
    await ignoreNotFound(docker.getContainer(name).remove({ force: true, v: true }));
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 409) throw error;
    for (let i = 0; i < 100; i++) {
      try {
        await docker.getContainer(name).inspect();
      } catch {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw error;
  }
}

async function ignoreNotFound(operation: Promise<unknown>): Promise<void> {
  try {
    await operation;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
}

/** For the learner: what went wrong, without Docker's internals. */
function containerCreateError(error: unknown): DriverError {
  const detail = error instanceof Error ? error.message : String(error);
  // Docker's default address pools hold about 30 bridge networks; each environment has one.
  if (/non-overlapping IPv4 address pool/.test(detail)) {
    return new DriverError(
      `no Docker network address space left: ${detail}`,
      'Auf dem Server ist gerade kein Platz für eine weitere Umgebung. Bitte versuche es in ein paar Minuten noch einmal.',
      `${detail}\nRaise Docker's default-address-pools (README, "Host requirements").`,
    );
  }
  return new DriverError(
    `container create failed: ${detail}`,
    'Deine Übungsumgebung konnte nicht gestartet werden. Bitte versuche es gleich noch einmal.',
    detail,
  );
}
