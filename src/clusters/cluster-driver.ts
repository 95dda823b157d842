import type { ClusterSpec, ContainerSpec } from '../labs/schema/lab.schema.js';
import type { ClusterHandle } from './cluster-handle.js';
import type { PreflightReport } from './preflight/preflight.types.js';

export type EnvironmentType = 'kind' | 'container';

export interface ClusterCreateSpec {
  /** `kl-<short id>`; also the Docker network's name. */
  name: string;
  cluster: ClusterSpec;
  /** Set for `environment: container` labs. */
  container?: ContainerSpec;
  /** DOCKER_HOST-style endpoint the cluster is made on (unix, tcp, ssh). */
  dockerEndpoint: string;
}

/** A provisioning stage the learner sees, e.g. "Control-Plane startet". */
export interface ProvisionProgress {
  stage: string;
  step: number;
  of: number;
}

export interface ClusterInfo {
  name: string;
  dockerEndpoint: string;
  nodes: string[];
}

/**
 * One environment type (kind clusters; later plain containers). Everything that creates or
 * removes clusters goes through here: the rest of the server never calls kind or docker itself.
 */
export interface ClusterDriver {
  readonly type: EnvironmentType;
  /** What this host has and lacks for this driver; cheap to call repeatedly (cached). */
  preflight(): Promise<PreflightReport>;
  create(
    spec: ClusterCreateSpec,
    onProgress?: (p: ProvisionProgress) => void,
  ): Promise<ClusterHandle>;
  /** Idempotent; never touches anything without kubelab's `kl-` prefix. */
  destroy(name: string, dockerEndpoint: string): Promise<void>;
  list(dockerEndpoint: string): Promise<ClusterInfo[]>;
  handle(name: string, dockerEndpoint: string): Promise<ClusterHandle>;
}

export const CLUSTER_DRIVERS = Symbol('CLUSTER_DRIVERS');

/** Thrown by drivers; `learnerMessage` is German, `detail` (e.g. kind's stderr tail) for instructors. */
export class DriverError extends Error {
  constructor(
    message: string,
    readonly learnerMessage: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'DriverError';
  }
}
