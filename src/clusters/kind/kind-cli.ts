import { StringDecoder } from 'node:string_decoder';
import { execa } from 'execa';
import type { DockerEngines } from '../engines/docker-engines.js';

/**
 * The only variables of the server's environment kind (and the docker CLI it runs) may see:
 * PATH to find `docker`, HOME for the docker CLI's config, TMPDIR, and what the docker CLI needs
 * for ssh endpoints. Everything else (tokens, database URL, …) stays in the server.
 */
const PASSED_THROUGH = ['PATH', 'HOME', 'TMPDIR', 'DOCKER_CONFIG', 'SSH_AUTH_SOCK'] as const;

/** The docker CLI's TLS settings: an engine's own, or the server's for an unknown endpoint. */
const DOCKER_TLS = ['DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH'] as const;

/**
 * kind's environment for one engine: DOCKER_HOST and that engine's TLS folder (never the
 * server's DOCKER_TLS_VERIFY/DOCKER_CERT_PATH, which belong to another engine or none). An
 * endpoint no configured engine has (a row from an older configuration) keeps the server's.
 */
export function kindEnv(
  base: NodeJS.ProcessEnv,
  engines: DockerEngines,
  dockerEndpoint: string,
  network?: string,
): Record<string, string> {
  const env: Record<string, string> = {};
  const keys = engines.find(dockerEndpoint) ? PASSED_THROUGH : [...PASSED_THROUGH, ...DOCKER_TLS];
  for (const key of keys) {
    const value = base[key];
    if (value) env[key] = value;
  }
  for (const [key, value] of Object.entries(engines.cliEnv(dockerEndpoint)))
    if (value) env[key] = value;
  if (network) env.KIND_EXPERIMENTAL_DOCKER_NETWORK = network;
  return env;
}

export interface KindCreateRequest {
  name: string;
  configYaml: string;
  kubeconfig: string;
  waitSeconds: number;
  dockerEndpoint: string;
  timeoutMs: number;
  onStderr: (chunk: string) => void;
}

export interface KindResult {
  ok: boolean;
  exitCode?: number;
  stderr: string;
  timedOut: boolean;
  /** The kind executable does not exist. */
  notFound: boolean;
}

/** Runs the kind executable; argv arrays only, never a shell. */
export class KindCli {
  constructor(
    private readonly bin: string,
    private readonly engines: DockerEngines,
    private readonly baseEnv: NodeJS.ProcessEnv = process.env,
  ) {}

  /**
   * `kind create cluster` with the config on stdin. KIND_EXPERIMENTAL_DOCKER_NETWORK gives the
   * cluster a Docker network of its own, named like the cluster: kind's docker provider
   * (pkg/cluster/internal/providers/docker/provider.go Provision) uses the variable instead of
   * its fixed network "kind" (network.go fixedNetworkName) and creates the network if missing
   * (network.go ensureNetwork). A kind that ignored the variable would put every cluster on
   * "kind", where they reach each other's nodes and NodePorts; the driver checks the nodes'
   * network after create and warns.
   */
  async create(request: KindCreateRequest): Promise<KindResult> {
    const argv = [
      'create',
      'cluster',
      '--name',
      request.name,
      '--config',
      '-',
      '--kubeconfig',
      request.kubeconfig,
      '--wait',
      `${request.waitSeconds}s`,
    ];
    const child = execa(this.bin, argv, {
      env: kindEnv(this.baseEnv, this.engines, request.dockerEndpoint, request.name),
      extendEnv: false,
      input: request.configYaml,
      reject: false,
      timeout: request.timeoutMs,
      stripFinalNewline: false,
    });
    // kind's status lines carry emoji: decode so that a character split across chunks stays whole.
    const decoder = new StringDecoder('utf8');
    child.stderr?.on('data', (chunk: Buffer) => request.onStderr(decoder.write(chunk)));
    return resultOf(await child);
  }

  /** `kind delete cluster`: removes the nodes and the cluster's entry in its kubeconfig file. */
  async delete(name: string, kubeconfig: string, dockerEndpoint: string): Promise<KindResult> {
    const result = await execa(
      this.bin,
      ['delete', 'cluster', '--name', name, '--kubeconfig', kubeconfig],
      {
        env: kindEnv(this.baseEnv, this.engines, dockerEndpoint),
        extendEnv: false,
        stdin: 'ignore',
        reject: false,
        timeout: 120_000,
      },
    );
    return resultOf(result);
  }
}

function resultOf(result: {
  exitCode?: number;
  failed: boolean;
  timedOut: boolean;
  stderr: unknown;
  code?: string;
}): KindResult {
  return {
    ok: !result.failed,
    exitCode: result.exitCode,
    stderr: typeof result.stderr === 'string' ? result.stderr : '',
    timedOut: result.timedOut,
    notFound: result.code === 'ENOENT',
  };
}
