import Docker from 'dockerode';
import type {
  EnvironmentCreateSpec,
  EnvironmentDriver,
  EnvironmentInfo,
} from '../../src/clusters/environment-driver.js';
import type { EnvironmentHandle, ShellStream } from '../../src/clusters/environment-handle.js';
import { dockerOptions } from '../../src/clusters/docker/docker-endpoint.js';
import { DockerNodes } from '../../src/clusters/docker/docker-nodes.js';
import { reportOf, type PreflightReport } from '../../src/clusters/preflight/preflight.types.js';

const CLUSTER_LABEL = 'io.kubelab.test-cluster';
const ROLE_LABEL = 'io.kubelab.test-role';

/**
 * A stand-in for the kind driver that needs only Docker: a "cluster" is one plain container
 * per node (`<name>-control-plane`, `<name>-worker`) from a local image, found by label.
 * Shells are real TTY execs, so the terminal is tested against the real thing.
 */
export class DockerContainerDriver implements EnvironmentDriver {
  readonly type = 'kind' as const;

  private readonly made = new Set<string>();

  constructor(
    private readonly image: string,
    private readonly roles: ('control-plane' | 'worker')[] = ['control-plane', 'worker'],
  ) {}

  preflight(): Promise<PreflightReport> {
    return Promise.resolve(
      reportOf([{ id: 'docker', label: 'Docker engine', required: true, ok: true }], new Date()),
    );
  }

  profileOf(): string {
    return `docker-container:${this.image}:${this.roles.join(',')}`;
  }

  async create(spec: EnvironmentCreateSpec): Promise<EnvironmentHandle> {
    const docker = this.docker(spec.dockerEndpoint);
    this.made.add(spec.name);
    for (const role of this.roles) {
      const container = await docker.createContainer({
        name: `${spec.name}-${role}`,
        Image: this.image,
        Labels: { [CLUSTER_LABEL]: spec.name, [ROLE_LABEL]: role },
        // A kind node is a root container: run the image as one, not as a learner's world.
        User: 'root',
        Cmd: ['sleep', 'infinity'],
        HostConfig: { NetworkMode: 'none' },
      });
      await container.start();
    }
    return this.handle(spec.name, spec.dockerEndpoint);
  }

  async destroy(name: string, dockerEndpoint: string): Promise<void> {
    const docker = this.docker(dockerEndpoint);
    const containers = await docker.listContainers({
      all: true,
      filters: { label: [`${CLUSTER_LABEL}=${name}`] },
    });
    await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true })));
  }

  /**
   * Removes the clusters this driver made; for afterAll. Not all with the label: test files
   * running at the same time on the same engine would lose their containers mid-test.
   */
  async destroyAll(dockerEndpoint: string): Promise<void> {
    for (const name of this.made) await this.destroy(name, dockerEndpoint);
    this.made.clear();
  }

  async list(dockerEndpoint: string): Promise<EnvironmentInfo[]> {
    const containers = await this.docker(dockerEndpoint).listContainers({
      all: true,
      filters: { label: [CLUSTER_LABEL] },
    });
    const names = [...new Set(containers.map((c) => c.Labels[CLUSTER_LABEL]))];
    return names.map((name) => ({
      name,
      dockerEndpoint,
      nodes: containers
        .filter((c) => c.Labels[CLUSTER_LABEL] === name)
        .map((c) => c.Names[0].slice(1)),
      running: containers
        .filter((c) => c.Labels[CLUSTER_LABEL] === name)
        .every((c) => c.State === 'running'),
    }));
  }

  handle(name: string, dockerEndpoint: string): Promise<EnvironmentHandle> {
    const nodes = new DockerNodes(this.docker(dockerEndpoint), {
      labels: [`${CLUSTER_LABEL}=${name}`],
      roleLabel: ROLE_LABEL,
    });
    const unsupported = () => Promise.reject(new Error('a container stand-in has no Kubernetes'));
    return Promise.resolve({
      name,
      kubeConfig: unsupported,
      nodes: () => nodes.list(),
      execInNode: (node, argv, options) => nodes.exec(node, argv, options),
      execInPod: unsupported,
      unprivilegedShellNode: null,
      async openShell(target, size): Promise<ShellStream> {
        const bash = await nodes.exec(target.node, ['test', '-x', '/bin/bash']);
        const argv = bash.exitCode === 0 ? ['bash', '-l'] : ['sh'];
        return nodes.openShell(
          target.node,
          argv,
          ['TERM=xterm-256color', 'LANG=de_DE.UTF-8'],
          size,
        );
      },
    });
  }

  private docker(endpoint: string): Docker {
    return new Docker(dockerOptions(endpoint));
  }
}
