import Docker from 'dockerode';
import type { AppConfigService } from '../../config/app-config.js';
import type { DockerEngine } from '../../config/docker-hosts.js';
import { dockerOptions, tlsCertificates, type DockerTarget } from '../docker/docker-endpoint.js';

export type { DockerEngine } from '../../config/docker-hosts.js';

/**
 * The Docker engines of KUBELAB_DOCKER_HOSTS (or the one of KUBELAB_DOCKER_HOST), and how to
 * talk to each: a cluster row stores its engine's endpoint, and everything that reaches an
 * environment (drivers, terminals, grading) gets its Docker client here, with that engine's TLS.
 */
export class DockerEngines {
  private readonly byEndpoint: Map<string, DockerEngine>;

  constructor(private readonly engines: DockerEngine[]) {
    if (engines.length === 0) throw new Error('at least one Docker engine is needed');
    this.byEndpoint = new Map(engines.map((engine) => [engine.endpoint, engine]));
  }

  all(): readonly DockerEngine[] {
    return this.engines;
  }

  get totalCapacity(): number {
    return this.engines.reduce((sum, engine) => sum + engine.capacity, 0);
  }

  /** The configured engine at this endpoint, or undefined (a row from an older configuration). */
  find(endpoint: string): DockerEngine | undefined {
    return this.byEndpoint.get(endpoint);
  }

  /** The engine's name, or the endpoint itself when no configured engine has it. */
  nameOf(endpoint: string): string {
    return this.find(endpoint)?.name ?? endpoint;
  }

  /** dockerode options for an endpoint: its engine's TLS, else DOCKER_TLS_VERIFY/DOCKER_CERT_PATH. */
  options(endpoint: string): Docker.DockerOptions {
    const engine = this.find(endpoint);
    if (!engine?.tlsCertPath) return dockerOptions(endpoint);
    const url = new URL(endpoint);
    return {
      host: url.hostname,
      port: Number(url.port || 2376),
      protocol: 'https',
      ...tlsCertificates(engine.tlsCertPath),
    };
  }

  target(endpoint: string): DockerTarget {
    return { endpoint, options: this.options(endpoint) };
  }

  docker(endpoint: string, timeoutMs?: number): Docker {
    return new Docker({ ...this.options(endpoint), ...(timeoutMs ? { timeout: timeoutMs } : {}) });
  }

  /** DOCKER_HOST and its TLS variables for a CLI (kind) that should talk to this endpoint. */
  cliEnv(endpoint: string): Record<string, string | undefined> {
    const engine = this.find(endpoint);
    if (!engine) return { DOCKER_HOST: endpoint };
    return {
      DOCKER_HOST: endpoint,
      DOCKER_TLS_VERIFY: engine.tlsCertPath ? '1' : undefined,
      DOCKER_CERT_PATH: engine.tlsCertPath,
    };
  }
}

const registries = new WeakMap<AppConfigService, DockerEngines>();

/** One registry per configuration: the server's modules, drivers and CLIs share it. */
export function dockerEnginesOf(config: AppConfigService): DockerEngines {
  let engines = registries.get(config);
  if (!engines) {
    engines = new DockerEngines(config.get('KUBELAB_DOCKER_HOSTS'));
    registries.set(config, engines);
  }
  return engines;
}
