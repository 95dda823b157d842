import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { poll } from '../../common/poll.js';
import { dockerOptions } from '../../clusters/docker/docker-endpoint.js';
import { execInContainer } from '../../clusters/docker/docker-exec.js';
import { makeEngineTls } from './engine-tls.js';
import {
  createEngineNetwork,
  ENGINE_LABEL,
  ENGINE_PREFIX,
  engineLabels,
  removeEngineResources,
  removeLeftoverEngines,
} from './second-engine-resources.js';

export { removeLeftoverEngines } from './second-engine-resources.js';

/** The engine image (scripts/images/build-engine-image.sh). */
export const ENGINE_IMAGE = process.env.KUBELAB_TEST_ENGINE_IMAGE ?? 'kubelab/test-engine:1';
const PORT = 2376;
/** How long start() waits for dockerd to answer; it takes about a second. */
const READY_TIMEOUT_MS = 30_000;

export interface SecondEngineOptions {
  /** Lower-case letters, digits and dashes; names the container, volume and network. */
  name: string;
  image?: string;
  /** The engine the test engine runs on; the local socket by default. */
  host?: Docker;
}

/**
 * A second, real Docker engine for tests: a privileged container from the engine image on the
 * host engine, running its own dockerd that answers only over TCP with TLS and client
 * certificates, on an address of its own. Lab 00 containers run in it once their image is
 * loaded (loadImage). stop/start, pause/unpause stand in for a lost host and one that hangs.
 */
export class SecondEngine {
  /** `tcp://<address>:2376`, for DOCKER_HOST or KUBELAB_DOCKER_HOSTS. */
  readonly endpoint: string;
  /** DOCKER_CERT_PATH: ca.pem, cert.pem, key.pem. */
  readonly certPath: string;
  readonly containerName: string;
  /** A client of this engine (TLS with the client certificate), without a timeout. */
  readonly docker: Docker;

  private constructor(
    readonly name: string,
    readonly address: string,
    certPath: string,
    private readonly host: Docker,
  ) {
    this.endpoint = `tcp://${address}:${PORT}`;
    this.certPath = certPath;
    this.containerName = ENGINE_PREFIX + name;
    this.docker = this.client();
  }

  /** Starts an engine and waits until it answers over TLS; leftovers of dead runs go first. */
  static async start({
    name,
    image = ENGINE_IMAGE,
    host = new Docker(),
  }: SecondEngineOptions): Promise<SecondEngine> {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`bad test engine name: ${name}`);
    await removeLeftoverEngines(host);
    // Fails while an engine of this name exists; from here on everything labelled with the
    // name is this start's own, and a failure removes it.
    const { network, address } = await createEngineNetwork(host, name);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), ENGINE_PREFIX));
    const temp = { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
    const containerName = ENGINE_PREFIX + name;
    const labels = engineLabels(name, temp.dir);
    try {
      const tls = await makeEngineTls(temp.dir, address);
      await host.createVolume({ Name: containerName, Labels: labels });
      const container = await host.createContainer({
        name: containerName,
        Image: image,
        Labels: labels,
        HostConfig: {
          Privileged: true,
          NetworkMode: network,
          Binds: [`${tls.serverDir}:/certs:ro`],
          // overlay2 cannot sit on the container's own overlay root: a volume instead.
          Mounts: [{ Type: 'volume', Source: containerName, Target: '/var/lib/docker' }],
        },
        NetworkingConfig: {
          EndpointsConfig: { [network]: { IPAMConfig: { IPv4Address: address } } },
        },
      });
      const engine = new SecondEngine(name, address, tls.clientDir, host);
      await container.start();
      await engine.mountUnifiedCgroup();
      await engine.waitUntilAnswering();
      return engine;
    } catch (error) {
      await removeEngineResources(host, `${ENGINE_LABEL}=${name}`).catch(() => undefined);
      temp.cleanup();
      throw error;
    }
  }

  /** DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH for a CLI (docker, kind) or the server. */
  get env(): Record<string, string> {
    return { DOCKER_HOST: this.endpoint, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: this.certPath };
  }

  /** A new client of this engine; `timeoutMs` bounds each request (dockerode's `timeout`). */
  client(timeoutMs?: number): Docker {
    const options = dockerOptions(this.endpoint, this.env);
    return new Docker(timeoutMs === undefined ? options : { ...options, timeout: timeoutMs });
  }

  /** Copies an image from the host engine into this one (`docker save | docker load`). */
  async loadImage(image: string): Promise<void> {
    const tar = await this.host.getImage(image).get();
    const output = await this.docker.loadImage(tar);
    const messages = await new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      output.on('data', (chunk: Buffer) => chunks.push(chunk));
      output.on('end', () => resolve(Buffer.concat(chunks).toString()));
      output.on('error', reject);
    });
    if (messages.includes('"error"')) throw new Error(`loading ${image} failed: ${messages}`);
    await this.docker.getImage(image).inspect();
  }

  /** The engine goes down: its dockerd gets 1 s to stop before the container is killed. */
  async stop(): Promise<void> {
    await this.container().stop({ t: 1 });
  }

  /**
   * The engine comes back at the same address with its data (images, stopped containers);
   * containers that ran stay stopped unless their restart policy starts them.
   */
  async start(): Promise<void> {
    await this.container().start();
    await this.mountUnifiedCgroup();
    await this.waitUntilAnswering();
  }

  /** The engine hangs: connections are accepted, nothing answers (the cgroup is frozen). */
  async pause(): Promise<void> {
    await this.container().pause();
  }

  async unpause(): Promise<void> {
    await this.container().unpause();
  }

  /** Removes the container, its volume, the network and the TLS material: nothing is left. */
  async remove(): Promise<void> {
    await removeEngineResources(this.host, `${ENGINE_LABEL}=${this.name}`);
  }

  private container(): Docker.Container {
    return this.host.getContainer(this.containerName);
  }

  /**
   * On a cgroup v1 host with a unified (cgroup2) hierarchy beside the v1 ones, Docker gives the
   * engine's container the v1 hierarchies only. systemd in a kind node there keeps its slices out
   * of name=systemd, and kubelet refuses to start ("cgroup [kubelet kubepods] has some missing
   * paths: /sys/fs/cgroup/systemd/kubelet.slice/…"). Mounting the unified hierarchy in the
   * engine's container gives the nodes what they get on the host; elsewhere nothing is done.
   */
  private async mountUnifiedCgroup(): Promise<void> {
    const script = [
      'grep -q " /sys/fs/cgroup/systemd cgroup " /proc/mounts || exit 0',
      'grep -q " /sys/fs/cgroup/unified " /proc/mounts && exit 0',
      'grep -q cgroup2 /proc/filesystems || exit 0',
      'mkdir -p /sys/fs/cgroup/unified',
      'mount -t cgroup2 none /sys/fs/cgroup/unified',
    ].join('\n');
    const result = await execInContainer(this.host, this.containerName, ['sh', '-c', script]);
    if (result.exitCode !== 0)
      throw new Error(`test engine ${this.name}: mounting cgroup2 failed: ${result.stderr}`);
  }

  private async waitUntilAnswering(): Promise<void> {
    const probe = this.client(1000);
    const read = async (): Promise<'answering' | 'starting' | 'stopped'> => {
      const answers = await probe.ping().then(
        () => true,
        () => false,
      );
      if (answers) return 'answering';
      const { State } = await this.container().inspect();
      return State.Running ? 'starting' : 'stopped';
    };
    const deadline = new Date(Date.now() + READY_TIMEOUT_MS);
    if ((await poll(read, (s) => s !== 'starting', { intervalMs: 100, deadline })) === 'answering')
      return;
    const log = await this.container().logs({ stdout: true, stderr: true, tail: 20 });
    throw new Error(
      `test engine ${this.name} does not answer at ${this.endpoint}:\n${String(log)}`,
    );
  }
}
