import fs from 'node:fs';
import path from 'node:path';

/**
 * One Docker engine environments are placed on: what kind itself runs against. kubelab stays
 * one server with one database; each environment row names the engine it lives on.
 */
export interface DockerEngine {
  /** Short name for logs and the instructor view, e.g. `a`, `rack-2`. */
  name: string;
  /** DOCKER_HOST-style endpoint: `unix://…`, `tcp://host:port`, `ssh://user@host`. */
  endpoint: string;
  /** Folder with ca.pem, cert.pem and key.pem (DOCKER_CERT_PATH layout): TLS with verification. */
  tlsCertPath?: string;
  /** Environments (learners' and the warm pool's) this engine holds at once. */
  capacity: number;
  /**
   * Where kubelab reaches ports published on the engine's host (a kind API server): the
   * endpoint's host for tcp:// and ssh://, 127.0.0.1 for a local socket.
   */
  address: string;
  /** How a toolbox on this engine reaches kubelab's server (shared mode); unset: its gateway. */
  serverUrl?: string;
}

export interface EngineDefaults {
  /** KUBELAB_DOCKER_HOST: the one engine when KUBELAB_DOCKER_HOSTS is empty. */
  endpoint: string;
  /** KUBELAB_MAX_CLUSTERS: that engine's capacity. */
  capacity: number;
  /** KUBELAB_ENVIRONMENT_MEMORY_MB: what `memory=` is divided by. */
  environmentMemoryMb: number;
  /** DOCKER_TLS_VERIFY / DOCKER_CERT_PATH of the process, for the single default engine. */
  tlsCertPath?: string;
  /** KUBELAB_TOOLBOX_SERVER_URL, the default of every engine's `server=`. */
  serverUrl?: string;
}

const NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;
const OPTIONS = new Set(['capacity', 'memory', 'tls', 'address', 'server']);

/**
 * KUBELAB_DOCKER_HOSTS: engines separated by spaces, commas or new lines, each
 * `name=endpoint` with options as a query string:
 * `a=unix:///var/run/docker.sock?capacity=8 b=tcp://10.0.0.2:2376?tls=/etc/kubelab/b&memory=20g`.
 * Empty: one engine `local` from KUBELAB_DOCKER_HOST holding KUBELAB_MAX_CLUSTERS. Throws with
 * an operator's message on anything it cannot use.
 */
export function parseDockerHosts(value: string, defaults: EngineDefaults): DockerEngine[] {
  const entries = value.split(/[\s,]+/).filter(Boolean);
  if (entries.length === 0) return [defaultEngine(defaults)];
  const engines = entries.map((entry) => parseEntry(entry, defaults));
  for (const key of ['name', 'endpoint'] as const) {
    const seen = new Set<string>();
    for (const engine of engines) {
      if (seen.has(engine[key])) throw new Error(`two engines have the ${key} ${engine[key]}`);
      seen.add(engine[key]);
    }
  }
  return engines;
}

function defaultEngine(defaults: EngineDefaults): DockerEngine {
  return {
    name: 'local',
    endpoint: defaults.endpoint,
    capacity: defaults.capacity,
    address: addressOf(new URL(defaults.endpoint)),
    ...(defaults.tlsCertPath ? { tlsCertPath: defaults.tlsCertPath } : {}),
    ...(defaults.serverUrl ? { serverUrl: defaults.serverUrl } : {}),
  };
}

function parseEntry(entry: string, defaults: EngineDefaults): DockerEngine {
  const eq = entry.indexOf('=');
  const name = entry.slice(0, Math.max(eq, 0));
  if (eq < 1 || !NAME.test(name))
    throw new Error(`"${entry}": each engine is name=endpoint, the name [a-z0-9-] (≤ 32)`);
  let url: URL;
  try {
    url = new URL(entry.slice(eq + 1));
  } catch {
    throw new Error(`engine ${name}: "${entry.slice(eq + 1)}" is not a URL`);
  }
  if (!['unix:', 'tcp:', 'ssh:'].includes(url.protocol))
    throw new Error(`engine ${name}: use unix://, tcp:// or ssh://, not ${url.protocol}//`);
  const options = url.searchParams;
  for (const key of options.keys())
    if (!OPTIONS.has(key))
      throw new Error(`engine ${name}: unknown option ${key} (known: ${[...OPTIONS].join(', ')})`);
  const tls = options.get('tls') ?? undefined;
  if (tls !== undefined && url.protocol !== 'tcp:')
    throw new Error(`engine ${name}: tls= belongs to tcp:// engines`);
  const serverUrl = options.get('server') ?? defaults.serverUrl;
  if (serverUrl !== undefined && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(serverUrl))
    throw new Error(`engine ${name}: server= must be an http:// or https:// URL`);
  const endpoint = `${url.protocol}//${url.username ? `${url.username}@` : ''}${url.host}${url.pathname}`;
  return {
    name,
    endpoint,
    capacity: capacityOf(name, options, defaults.environmentMemoryMb),
    address: options.get('address') ?? addressOf(url),
    ...(tls ? { tlsCertPath: tls } : {}),
    ...(serverUrl ? { serverUrl } : {}),
  };
}

function capacityOf(name: string, options: URLSearchParams, environmentMemoryMb: number): number {
  const capacity = options.get('capacity');
  const memory = options.get('memory');
  if ((capacity === null) === (memory === null))
    throw new Error(`engine ${name}: give either capacity=<environments> or memory=<size>`);
  if (capacity !== null) {
    if (!/^[1-9]\d{0,3}$/.test(capacity))
      throw new Error(`engine ${name}: capacity must be a whole number of environments ≥ 1`);
    return Number(capacity);
  }
  const mb = memoryMb(memory!);
  if (mb === undefined) throw new Error(`engine ${name}: memory must look like 20g or 4096m`);
  const fits = Math.floor(mb / environmentMemoryMb);
  if (fits < 1)
    throw new Error(
      `engine ${name}: memory=${memory} holds no environment of KUBELAB_ENVIRONMENT_MEMORY_MB=${environmentMemoryMb}`,
    );
  return fits;
}

function memoryMb(value: string): number | undefined {
  const match = /^(\d+)([mg])$/i.exec(value);
  if (!match) return undefined;
  return Number(match[1]) * (match[2].toLowerCase() === 'g' ? 1024 : 1);
}

function addressOf(url: URL): string {
  return url.protocol === 'unix:' ? '127.0.0.1' : url.hostname.replace(/^\[|\]$/g, '');
}

/** The files of an engine's TLS folder that are not there (none without TLS). */
export function missingTlsFiles(engine: DockerEngine): string[] {
  const dir = engine.tlsCertPath;
  if (!dir) return [];
  return ['ca.pem', 'cert.pem', 'key.pem'].filter((file) => !fs.existsSync(path.join(dir, file)));
}
