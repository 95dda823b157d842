import { createHash } from 'node:crypto';
import type {
  EnvironmentCreateSpec,
  EnvironmentDriver,
  EnvironmentInfo,
  EnvironmentSpec,
  ProvisionProgress,
} from '../../src/clusters/environment-driver.js';
import { DriverError } from '../../src/clusters/environment-driver.js';
import type { EnvironmentHandle } from '../../src/clusters/environment-handle.js';
import {
  reportOf,
  type PreflightItem,
  type PreflightReport,
} from '../../src/clusters/preflight/preflight.types.js';

/**
 * A stand-in for the kind driver: records what the server asks of it and answers as told.
 * `failCreates` makes the next N creates fail the way a real driver reports failure.
 */
export class FakeEnvironmentDriver implements EnvironmentDriver {
  readonly type = 'kind' as const;
  readonly created: EnvironmentCreateSpec[] = [];
  readonly destroyed: string[] = [];
  /** Every command run in a node, e.g. lab setup and replayed solutions. */
  readonly executed: { cluster: string; node: string; argv: string[]; stdin?: string }[] = [];
  preflightItems: PreflightItem[] = [
    { id: 'docker', label: 'Docker engine', required: true, ok: true },
  ];
  failCreates = 0;
  /** Resolves a pending create; by default creates finish at once (see `hold`). */
  gate: Promise<void> = Promise.resolve();
  /** Stands for what the real driver takes from configuration (kind: the node image). */
  nodeImage = 'kindest/node:fake';
  /** Environments whose containers stopped (`docker stop`, a Docker restart): listed, not running. */
  readonly stopped = new Set<string>();
  /** How often the server listed the environments. */
  listCalls = 0;

  /**
   * Holds every creation, pending and new, until the returned `open` is called; from then on
   * creations finish at once again.
   */
  hold(): () => void {
    let release!: () => void;
    this.gate = new Promise((resolve) => (release = resolve));
    return () => {
      release();
      this.gate = Promise.resolve();
    };
  }

  preflight(): Promise<PreflightReport> {
    return Promise.resolve(reportOf(this.preflightItems, new Date()));
  }

  profileOf(spec: EnvironmentSpec): string {
    const shape = JSON.stringify({ ...spec, nodeImage: this.nodeImage });
    return createHash('sha256').update(shape).digest('hex');
  }

  async create(
    spec: EnvironmentCreateSpec,
    onProgress?: (p: ProvisionProgress) => void,
  ): Promise<EnvironmentHandle> {
    this.created.push(spec);
    onProgress?.({ stage: 'Knoten werden vorbereitet', step: 1, of: 2 });
    await this.gate;
    if (this.failCreates > 0) {
      this.failCreates--;
      throw new DriverError(
        'kind create failed',
        'Der Cluster konnte nicht erstellt werden.',
        'ERROR: failed to create cluster',
      );
    }
    return this.handleFor(spec.name);
  }

  destroy(name: string): Promise<void> {
    this.destroyed.push(name);
    return Promise.resolve();
  }

  /** What was made on this engine and not destroyed. */
  list(dockerEndpoint: string): Promise<EnvironmentInfo[]> {
    this.listCalls++;
    const live = this.created.filter(
      (c) => c.dockerEndpoint === dockerEndpoint && !this.destroyed.includes(c.name),
    );
    return Promise.resolve(
      live.map(({ name }) => ({
        name,
        dockerEndpoint,
        nodes: [],
        running: !this.stopped.has(name),
      })),
    );
  }

  handle(name: string): Promise<EnvironmentHandle> {
    return Promise.resolve(this.handleFor(name));
  }

  private handleFor(name: string): EnvironmentHandle {
    const unsupported = () => Promise.reject(new Error('the fake cluster has no nodes'));
    return {
      name,
      kubeConfig: unsupported,
      nodes: () => Promise.resolve([]),
      execInNode: (node, argv, options) => {
        this.executed.push({ cluster: name, node, argv, stdin: options?.stdin?.toString() });
        return Promise.resolve({ exitCode: 0, stdout: '', stderr: '', timedOut: false });
      },
      execInPod: unsupported,
      openShell: unsupported,
      unprivilegedShellNode: null,
    };
  }
}
