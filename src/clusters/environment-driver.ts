import type { ClusterSpec, ContainerSpec } from '../labs/schema/lab.schema.js';
import type { EnvironmentHandle } from './environment-handle.js';
import type { PreflightReport } from './preflight/preflight.types.js';

export type EnvironmentType = 'kind' | 'container';

export interface EnvironmentCreateSpec {
  /** `kl-<short id>`; also the Docker network's name. */
  name: string;
  cluster: ClusterSpec;
  /** Set for `environment: container` labs. */
  container?: ContainerSpec;
  /** DOCKER_HOST-style endpoint the cluster is made on (unix, tcp, ssh). */
  dockerEndpoint: string;
}

/** What an environment is made from, without where and under which name: what a profile covers. */
export type EnvironmentSpec = Pick<EnvironmentCreateSpec, 'cluster' | 'container'>;

/** A provisioning stage the learner sees, e.g. "Control-Plane startet". */
export interface ProvisionProgress {
  stage: string;
  step: number;
  of: number;
}

export interface EnvironmentInfo {
  name: string;
  dockerEndpoint: string;
  nodes: string[];
  /** Every node container runs; false after `docker stop` or a Docker restart. */
  running: boolean;
}

/**
 * One environment type (kind clusters; later plain containers). Everything that creates or
 * removes clusters goes through here: the rest of the server never calls kind or docker itself.
 */
export interface EnvironmentDriver {
  readonly type: EnvironmentType;
  /**
   * What an engine has and lacks for this driver; cheap to call repeatedly (cached). Without an
   * endpoint: the first engine's that has everything, else the first engine's.
   */
  preflight(endpoint?: string): Promise<PreflightReport>;
  /**
   * The pool profile: environments with equal profiles are interchangeable, so a pooled one may
   * serve any lab of that profile. It covers everything the environment is made from, including
   * what the driver takes from configuration (kind: the node image), so changing that never
   * hands out an environment made the old way.
   */
  profileOf(spec: EnvironmentSpec): string;
  create(
    spec: EnvironmentCreateSpec,
    onProgress?: (p: ProvisionProgress) => void,
  ): Promise<EnvironmentHandle>;
  /** Idempotent; never touches anything without kubelab's `kl-` prefix. */
  destroy(name: string, dockerEndpoint: string): Promise<void>;
  /** One listing call (`docker ps -a`-style), cheap enough for every reaper sweep. */
  list(dockerEndpoint: string): Promise<EnvironmentInfo[]>;
  /**
   * Removes the Docker networks this server labelled for its environments (its
   * KUBELAB_INSTANCE) except those `keep` names: a crash between making a network and its
   * container leaves one behind. Returns the names removed. Drivers whose networks carry no
   * such label (kind makes its own) lack it.
   */
  removeLeakedNetworks?(
    dockerEndpoint: string,
    keep: () => Promise<ReadonlySet<string>>,
  ): Promise<string[]>;
  handle(name: string, dockerEndpoint: string): Promise<EnvironmentHandle>;
}

export const ENVIRONMENT_DRIVERS = Symbol('ENVIRONMENT_DRIVERS');

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

/** For logs and the cluster row: a driver's message with its detail (e.g. kind's stderr tail). */
export function errorDetail(error: unknown): string {
  if (error instanceof DriverError) return [error.message, error.detail].filter(Boolean).join('\n');
  return error instanceof Error ? error.message : String(error);
}
