import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { Injectable, Logger } from '@nestjs/common';
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
import { dockerEnginesOf } from '../engines/docker-engines.js';
import { EnginePreflights } from '../engines/engine-preflights.js';
import type { PreflightReport } from '../preflight/preflight.types.js';
import { KindCli } from './kind-cli.js';
import { KindClusterHandle } from './kind-cluster-handle.js';
import { assertKubelabClusterName, kubeconfigPath } from './kind-cluster-name.js';
import { apiServerListenOf } from './kind-api-server.js';
import { kindConfig, kindConfigYaml, profileHash, type ApiServerListen } from './kind-config.js';
import { KindContainers } from './kind-containers.js';
import { classifyKindFailure, stderrTail } from './kind-failure.js';
import { runKindPreflight } from './kind-preflight.js';
import { KindProgress } from './kind-progress.js';
import { KindToolboxes, toolboxName, withToolboxes, type ToolboxSettings } from './kind-toolbox.js';
import { KindToolbox } from './kind-toolbox-access.js';

/** On top of `--wait`: pulling a node image the first time can take minutes. */
const CREATE_TIMEOUT_MS = 15 * 60_000;

/**
 * kind clusters, one per learner session, each on its own Docker network named like it; in
 * shared mode with the learner's toolbox container on that network (kind-toolbox.ts).
 */
@Injectable()
export class KindDriver implements EnvironmentDriver {
  readonly type = 'kind' as const;
  private readonly logger = new Logger(KindDriver.name);
  private readonly preflights: EnginePreflights;
  private readonly kind: KindCli;

  constructor(
    private readonly config: AppConfigService,
    private readonly clock: Clock,
  ) {
    this.kind = new KindCli(config.get('KUBELAB_KIND_BIN'), dockerEnginesOf(config));
    this.preflights = new EnginePreflights(clock, dockerEnginesOf(config), (endpoint) =>
      runKindPreflight(config, clock, endpoint, this.toolboxSettings()),
    );
  }

  preflight(endpoint?: string): Promise<PreflightReport> {
    return this.preflights.get(endpoint);
  }

  /** The hash of the kind config kubelab generates, node image included; in shared mode the toolbox too. */
  profileOf(spec: EnvironmentSpec): string {
    const cluster = profileHash(
      kindConfig(spec.cluster, this.config.get('KUBELAB_KIND_NODE_IMAGE')),
    );
    const toolbox = this.toolboxSettings();
    if (!toolbox) return cluster;
    const { image, memoryMb, pidsLimit } = toolbox;
    return createHash('sha256')
      .update(JSON.stringify({ cluster, toolbox: { image, memoryMb, pidsLimit } }))
      .digest('hex');
  }

  /** Shared mode gives every cluster a toolbox; local mode none. */
  private toolboxSettings(): ToolboxSettings | undefined {
    if (this.config.get('KUBELAB_MODE') !== 'shared') return undefined;
    return {
      image: this.config.get('KUBELAB_TOOLBOX_IMAGE'),
      memoryMb: this.config.get('KUBELAB_TOOLBOX_MEMORY_MB'),
      pidsLimit: this.config.get('KUBELAB_TOOLBOX_PIDS_LIMIT'),
      instance: this.config.get('KUBELAB_INSTANCE'),
    };
  }

  async create(
    spec: EnvironmentCreateSpec,
    onProgress?: (p: ProvisionProgress) => void,
  ): Promise<EnvironmentHandle> {
    const { name, dockerEndpoint } = spec;
    const kubeconfig = this.kubeconfig(name);
    const nodeImage = this.config.get('KUBELAB_KIND_NODE_IMAGE');
    const waitSeconds = this.config.get('KUBELAB_KIND_WAIT_SECONDS');
    await fs.mkdir(this.config.get('KUBELAB_CLUSTER_DIR'), { recursive: true, mode: 0o700 });

    const apiServer = await this.apiServerListen(dockerEndpoint);
    const progress = new KindProgress(spec.cluster, waitSeconds, onProgress);
    const result = await this.kind.create({
      name,
      configYaml: kindConfigYaml(kindConfig(spec.cluster, nodeImage, apiServer)),
      kubeconfig,
      waitSeconds,
      dockerEndpoint,
      timeoutMs: waitSeconds * 1000 + CREATE_TIMEOUT_MS,
      onStderr: (chunk) => progress.write(chunk),
    });
    progress.end();

    if (!result.ok) {
      const failure = classifyKindFailure({
        ...result,
        failedStage: progress.failedStage,
        nodeImage,
      });
      const detail = stderrTail(result.stderr);
      this.logger.warn(`kind create cluster ${name} failed (${failure.code}):\n${detail}`);
      if (failure.mayHaveLeftovers)
        await this.destroy(name, dockerEndpoint).catch((error: unknown) =>
          this.logger.error(`Removing what is left of ${name} failed: ${String(error)}`),
        );
      throw new DriverError(
        `kind create cluster ${name} failed: ${failure.code}`,
        failure.learnerMessage,
        detail,
      );
    }
    if (progress.readinessTimedOut)
      this.logger.warn(
        `${name}: kind gave up waiting ${waitSeconds}s for the control plane to be Ready`,
      );
    await this.checkOwnNetwork(name, dockerEndpoint);
    await this.startToolbox(name, dockerEndpoint);
    return this.handle(name, dockerEndpoint);
  }

  /** Only for creation: the profile (profileOf) is the same on every engine. */
  private async apiServerListen(dockerEndpoint: string): Promise<ApiServerListen> {
    const engines = dockerEnginesOf(this.config);
    try {
      return await apiServerListenOf(engines, dockerEndpoint);
    } catch (error) {
      throw new DriverError(
        `engine ${engines.nameOf(dockerEndpoint)}: its address does not resolve: ${String(error)}`,
        'Dein Cluster konnte nicht erstellt werden. Bitte gib der Kursleitung Bescheid.',
      );
    }
  }

  /** Shared mode: the learner's terminal; a cluster without one is of no use there. */
  private async startToolbox(name: string, dockerEndpoint: string): Promise<void> {
    const settings = this.toolboxSettings();
    if (!settings) return;
    try {
      await new KindToolboxes(this.docker(dockerEndpoint)).start(name, settings);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      this.logger.warn(`${name}: toolbox ${settings.image} did not start: ${detail}`);
      await this.destroy(name, dockerEndpoint).catch((e: unknown) =>
        this.logger.error(`Removing what is left of ${name} failed: ${String(e)}`),
      );
      throw new DriverError(
        `toolbox of ${name} did not start: ${detail}`,
        'Dein Terminal für diese Übung konnte nicht gestartet werden. Bitte gib der Kursleitung Bescheid.',
        detail,
      );
    }
  }

  /**
   * The nodes must sit on the network named like the cluster. If they do not, this kind ignored
   * KIND_EXPERIMENTAL_DOCKER_NETWORK and put them on its shared network "kind", where learners'
   * clusters can reach each other; kubelab keeps the cluster but says so loudly.
   */
  private async checkOwnNetwork(name: string, dockerEndpoint: string): Promise<void> {
    const nodes = await new KindContainers(this.docker(dockerEndpoint)).nodes(name);
    const stray = nodes.filter((n) => !n.networks.includes(name));
    if (nodes.length === 0 || stray.length > 0)
      this.logger.warn(
        `${name}: nodes are not on their own Docker network "${name}" (${
          nodes.length === 0
            ? 'no node containers found'
            : stray.map((n) => `${n.name}: ${n.networks.join(',') || 'none'}`).join('; ')
        }); kind may ignore KIND_EXPERIMENTAL_DOCKER_NETWORK, so clusters share a network and can reach each other`,
      );
  }

  async destroy(name: string, dockerEndpoint: string): Promise<void> {
    assertKubelabClusterName(name);
    const kubeconfig = this.kubeconfig(name);
    // The learner's shells end first; the network can only go once the toolbox has.
    await new KindToolboxes(this.docker(dockerEndpoint)).remove(name);
    const result = await this.kind.delete(name, kubeconfig, dockerEndpoint);
    if (!result.ok)
      this.logger.warn(
        `kind delete cluster ${name} failed, removing its nodes directly:\n${stderrTail(result.stderr, 10)}`,
      );
    const containers = new KindContainers(this.docker(dockerEndpoint));
    // kind never removes networks; and if kind failed, its nodes are removed here.
    const leftovers = await containers.removeNodes(name);
    if (leftovers.length > 0 && result.ok)
      this.logger.warn(`${name}: kind delete left nodes behind, removed: ${leftovers.join(', ')}`);
    await containers.removeNetwork(name);
    await fs.rm(kubeconfig, { force: true });
    await fs.rm(`${kubeconfig}.lock`, { force: true });
  }

  /** Two listing calls: kind's nodes and this server's toolboxes (withToolboxes). */
  async list(dockerEndpoint: string): Promise<EnvironmentInfo[]> {
    const docker = this.docker(dockerEndpoint);
    const [nodes, toolboxes] = await Promise.all([
      new KindContainers(docker).clusters(),
      new KindToolboxes(docker).list(this.config.get('KUBELAB_INSTANCE')),
    ]);
    const clusters = withToolboxes(nodes, toolboxes);
    return [...clusters].map(([name, { nodes, running }]) => ({
      name,
      dockerEndpoint,
      nodes,
      running,
    }));
  }

  /** In shared mode with the cluster's toolbox, if it has one (one Docker call). */
  async handle(name: string, dockerEndpoint: string): Promise<EnvironmentHandle> {
    const docker = this.docker(dockerEndpoint);
    const withToolbox =
      this.toolboxSettings() !== undefined && (await new KindToolboxes(docker).exists(name));
    const toolbox = withToolbox
      ? new KindToolbox(docker, name, toolboxName(name), this.toolboxServerUrl(dockerEndpoint))
      : undefined;
    return new KindClusterHandle(name, docker, this.kubeconfig(name), toolbox);
  }

  /** The engine's `server=` (KUBELAB_TOOLBOX_SERVER_URL by default): the host differs per engine. */
  private toolboxServerUrl(dockerEndpoint: string): string | undefined {
    const engine = dockerEnginesOf(this.config).find(dockerEndpoint);
    return engine ? engine.serverUrl : this.config.get('KUBELAB_TOOLBOX_SERVER_URL');
  }

  private kubeconfig(name: string): string {
    return kubeconfigPath(this.config.get('KUBELAB_CLUSTER_DIR'), name);
  }

  /** One client per call: the endpoint is a property of each cluster, never global. */
  private docker(endpoint: string): Docker {
    return dockerEnginesOf(this.config).docker(endpoint);
  }
}
