import { Injectable } from '@nestjs/common';
import Docker from 'dockerode';
import { Clock } from '../../common/adapters/clock.js';
import { AppConfigService } from '../../config/app-config.js';
import type { EnvironmentHandle } from '../environment-handle.js';
import {
  DriverError,
  type EnvironmentCreateSpec,
  type EnvironmentDriver,
  type EnvironmentInfo,
  type EnvironmentSpec,
  type ProvisionProgress,
} from '../environment-driver.js';
import { EnginePreflights } from '../engines/engine-preflights.js';
import { dockerEnginesOf } from '../engines/docker-engines.js';
import { probeDocker } from '../preflight/docker.probe.js';
import {
  reportOf,
  type PreflightItem,
  type PreflightReport,
} from '../preflight/preflight.types.js';
import { ContainerEnvironmentHandle } from './container-environment-handle.js';
import { CONTAINER_LABELS } from './container-labels.js';
import { removeLeakedNetworks } from './container-networks.js';
import { ensureImage, imageExists } from './container-image.js';
import {
  containerProfile,
  containerSettings,
  type ContainerSettings,
} from './container-profile.js';
import { waitForWorld, worldContainerSpec } from './container-world.js';
import { ignoreNotFound, removeContainer } from '../docker/remove-container.js';

const STAGES = 3;

/**
 * One Docker container per session for Linux networking labs, holding no privilege of the
 * host (container-world.ts): the learner is root only in a user namespace of their own, with
 * the network, mount and pid namespaces where the lab happens. No network to the outside, no
 * host mounts, no published ports.
 */
@Injectable()
export class ContainerDriver implements EnvironmentDriver {
  readonly type = 'container' as const;
  private readonly preflights: EnginePreflights;

  constructor(
    private readonly config: AppConfigService,
    private readonly clock: Clock,
  ) {
    this.preflights = new EnginePreflights(clock, dockerEnginesOf(config), (endpoint) =>
      this.runPreflight(endpoint),
    );
  }

  preflight(endpoint?: string): Promise<PreflightReport> {
    return this.preflights.get(endpoint);
  }

  private async runPreflight(endpoint: string): Promise<PreflightReport> {
    const docker = await probeDocker(dockerEnginesOf(this.config).target(endpoint));
    const items: PreflightItem[] = [docker];
    if (docker.ok) items.push(await this.imageItem(this.docker(endpoint)));
    return reportOf(items, this.clock.now());
  }

  private async imageItem(docker: Docker): Promise<PreflightItem> {
    const image = this.config.get('KUBELAB_CONTAINER_IMAGE');
    const present = await imageExists(docker, image);
    return {
      id: 'container-image',
      label: `image ${image}`,
      // Building it on first use needs a registry and minutes: a lab is offered once it is there.
      required: true,
      ok: present,
      found: present ? 'present' : 'missing',
      ...(present
        ? {}
        : {
            problem: `Image ${image} is missing on the Docker engine`,
            fixEn: `Build it: docker build -t ${image} docker/netlab (needs a registry for its base image), or offline: scripts/images/build-netlab-image.sh ${image}`,
            problemDe: `Das Image ${image} fehlt auf der Docker-Engine.`,
            fixDe: `Bauen mit docker build -t ${image} docker/netlab (braucht eine Registry für das Basis-Image) oder ohne Registry mit scripts/images/build-netlab-image.sh ${image}`,
          }),
    };
  }

  /** Image and the limits from configuration. */
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
    spec: EnvironmentCreateSpec,
    onProgress?: (p: ProvisionProgress) => void,
  ): Promise<EnvironmentHandle> {
    assertOwnName(spec.name);
    try {
      return await this.createContainer(spec, onProgress);
    } catch (error) {
      throw error instanceof DriverError ? error : containerCreateError(error);
    }
  }

  private async createContainer(
    spec: EnvironmentCreateSpec,
    onProgress?: (p: ProvisionProgress) => void,
  ): Promise<EnvironmentHandle> {
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

    onProgress?.({ stage: 'Umgebung wird angelegt', step: 2, of: STAGES });
    const container = await docker.createContainer(
      worldContainerSpec(spec.name, settings, labels, { [CONTAINER_LABELS.role]: 'control-plane' }),
    );
    await container.start();
    onProgress?.({ stage: 'Umgebung startet', step: 3, of: STAGES });
    const handle = new ContainerEnvironmentHandle(spec.name, docker);
    await waitForWorld(handle, container);
    return handle;
  }

  async destroy(name: string, dockerEndpoint: string): Promise<void> {
    assertOwnName(name);
    const docker = this.docker(dockerEndpoint);
    await removeContainer(docker, name);
    // Environments made before they ran without a network had one of their own.
    await ignoreNotFound(docker.getNetwork(name).remove());
  }

  async list(dockerEndpoint: string): Promise<EnvironmentInfo[]> {
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

  handle(name: string, dockerEndpoint: string): Promise<EnvironmentHandle> {
    return Promise.resolve(new ContainerEnvironmentHandle(name, this.docker(dockerEndpoint)));
  }

  private docker(endpoint: string): Docker {
    return dockerEnginesOf(this.config).docker(endpoint);
  }
}

function assertOwnName(name: string): void {
  if (!/^kl-[a-z0-9-]+$/.test(name))
    throw new Error(`Refusing to touch "${name}": not a kubelab environment`);
}

/** For the learner: what went wrong, without Docker's internals. */
function containerCreateError(error: unknown): DriverError {
  const detail = error instanceof Error ? error.message : String(error);
  return new DriverError(
    `container create failed: ${detail}`,
    'Deine Übungsumgebung konnte nicht gestartet werden. Bitte versuche es gleich noch einmal.',
    detail,
  );
}
