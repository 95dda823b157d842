import fs from 'node:fs';
import path from 'node:path';
import type Dockerode from 'dockerode';

/**
 * DOCKER_HOST-style endpoint → dockerode options: `unix:///var/run/docker.sock`,
 * `tcp://host:2376` (TLS when DOCKER_TLS_VERIFY is set, certificates from DOCKER_CERT_PATH),
 * `ssh://user@host`.
 */
export function dockerOptions(
  endpoint: string,
  env: NodeJS.ProcessEnv = process.env,
): Dockerode.DockerOptions {
  const url = new URL(endpoint);
  switch (url.protocol) {
    case 'unix:':
      return { socketPath: url.pathname };
    case 'tcp:': {
      const tls = Boolean(env.DOCKER_TLS_VERIFY);
      return {
        host: url.hostname,
        port: Number(url.port || (tls ? 2376 : 2375)),
        protocol: tls ? 'https' : 'http',
        ...(tls && env.DOCKER_CERT_PATH ? tlsCertificates(env.DOCKER_CERT_PATH) : {}),
      };
    }
    case 'ssh:':
      return {
        protocol: 'ssh',
        host: url.hostname,
        port: Number(url.port || 22),
        ...(url.username ? { username: url.username } : {}),
      };
    default:
      throw new Error(`Unsupported Docker endpoint ${endpoint}: use unix://, tcp:// or ssh://`);
  }
}

/** An engine as probes and clients need it: its endpoint (for messages) and how to connect. */
export interface DockerTarget {
  endpoint: string;
  options: Dockerode.DockerOptions;
}

/** A target whose TLS comes from DOCKER_TLS_VERIFY/DOCKER_CERT_PATH, like the docker CLI's. */
export function dockerTarget(endpoint: string, env: NodeJS.ProcessEnv = process.env): DockerTarget {
  return { endpoint, options: dockerOptions(endpoint, env) };
}

/** dockerode has no option for a certificate folder: it wants the certificates themselves. */
export function tlsCertificates(dir: string): Pick<Dockerode.DockerOptions, 'ca' | 'cert' | 'key'> {
  const read = (name: string) => fs.readFileSync(path.join(dir, name));
  return { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') };
}
