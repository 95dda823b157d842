import fs from 'node:fs/promises';
import { CoreV1Api, Exec, KubeConfig } from '@kubernetes/client-node';
import type Docker from 'dockerode';
import { DriverError } from '../environment-driver.js';
import type {
  EnvironmentHandle,
  ClusterNode,
  ExecOptions,
  ExecResult,
  ShellStream,
  ShellTarget,
  TerminalSize,
} from '../environment-handle.js';
import { DockerNodes } from '../docker/docker-nodes.js';
import { LOGIN_SHELL_ARGV, loginShellEnv } from '../docker/login-shell.js';
import { KIND_CLUSTER_LABEL, KIND_ROLE_LABEL } from './kind-cluster-name.js';
import { isToolboxNode, TOOLBOX_NODE } from './kind-toolbox.js';
import type { KindToolbox } from './kind-toolbox-access.js';
import { execInPod, type ExecTransport } from './pod-exec.js';

/**
 * A kind cluster: node containers through Docker, pods through the cluster's kubeconfig, and in
 * shared mode the learner's toolbox, which `execInNode`/`openShell` reach as node `toolbox`.
 */
export class KindClusterHandle implements EnvironmentHandle {
  private readonly dockerNodes: DockerNodes;
  private kube?: Promise<KubeConfig>;
  /**
   * kind nodes are privileged containers: no node shell is safe to hand out in shared mode,
   * only the toolbox's, where there is one.
   */
  readonly unprivilegedShellNode: string | null;

  constructor(
    readonly name: string,
    docker: Docker,
    private readonly kubeconfigFile: string,
    readonly toolbox?: KindToolbox,
  ) {
    this.dockerNodes = new DockerNodes(docker, {
      labels: [`${KIND_CLUSTER_LABEL}=${name}`],
      roleLabel: KIND_ROLE_LABEL,
    });
    this.unprivilegedShellNode = toolbox ? TOOLBOX_NODE : null;
  }

  async kubeConfig(): Promise<string> {
    try {
      return await fs.readFile(this.kubeconfigFile, 'utf8');
    } catch (error) {
      throw new DriverError(
        `No kubeconfig for cluster ${this.name} at ${this.kubeconfigFile}: ${String(error)}`,
        'Die Zugangsdaten zu deinem Cluster fehlen auf dem Server. Bitte starte die Übung neu.',
      );
    }
  }

  nodes(): Promise<ClusterNode[]> {
    return this.dockerNodes.list();
  }

  execInNode(node: string, argv: string[], options?: ExecOptions): Promise<ExecResult> {
    if (this.toolbox && isToolboxNode(this.name, node)) return this.toolbox.exec(argv, options);
    return this.dockerNodes.exec(node, argv, options);
  }

  async execInPod(
    namespace: string,
    pod: string,
    container: string | undefined,
    argv: string[],
    options?: ExecOptions,
  ): Promise<ExecResult> {
    const kube = await this.kubeClient();
    const exec = new Exec(kube);
    const transport: ExecTransport = (...args) => exec.exec(...args);
    const name = container ?? (await defaultContainer(kube, namespace, pod));
    return execInPod(transport, { namespace, pod, container: name }, argv, options);
  }

  async openShell(target: ShellTarget, size: TerminalSize): Promise<ShellStream> {
    if (this.toolbox && isToolboxNode(this.name, target.node)) return this.toolbox.openShell(size);
    const node = await this.dockerNodes.find(target.node);
    const label = `${this.name}:${node.name.slice(this.name.length + 1) || node.role}`;
    const env = loginShellEnv(label, ['LANG=C.UTF-8', 'KUBECONFIG=/etc/kubernetes/admin.conf']);
    return this.dockerNodes.openShell(node.name, LOGIN_SHELL_ARGV, env, size);
  }

  private kubeClient(): Promise<KubeConfig> {
    this.kube ??= this.kubeConfig().then(
      (yaml) => {
        const kube = new KubeConfig();
        kube.loadFromString(yaml);
        return kube;
      },
      (error: unknown) => {
        this.kube = undefined;
        throw error;
      },
    );
    return this.kube;
  }
}

/** As kubectl: the `kubectl.kubernetes.io/default-container` annotation, else the first container. */
async function defaultContainer(kube: KubeConfig, namespace: string, pod: string): Promise<string> {
  const found = await kube.makeApiClient(CoreV1Api).readNamespacedPod({ namespace, name: pod });
  const annotated = found.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  const first = found.spec?.containers[0]?.name;
  if (!annotated && !first) throw new Error(`Pod ${namespace}/${pod} has no containers`);
  return annotated ?? first!;
}
