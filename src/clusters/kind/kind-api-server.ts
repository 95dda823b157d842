import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { DockerEngines } from '../engines/docker-engines.js';
import { LOCAL_API_SERVER, type ApiServerListen } from './kind-config.js';

export type ResolveAddress = (host: string) => Promise<string>;

const resolveIpv4: ResolveAddress = async (host) => (await lookup(host, { family: 4 })).address;

/**
 * Where a cluster's API server is published so that kubelab reaches it: on a local engine the
 * loopback (kind's default); on a remote engine (tcp://, ssh://) the engine's `address`, with
 * the host port left to that engine's Docker. Docker publishes on IP addresses only, so a name
 * is resolved here, as kubelab sees it.
 */
export async function apiServerListenOf(
  engines: DockerEngines,
  endpoint: string,
  resolve: ResolveAddress = resolveIpv4,
): Promise<ApiServerListen> {
  const url = new URL(endpoint);
  if (url.protocol === 'unix:') return LOCAL_API_SERVER;
  const address = engines.find(endpoint)?.address ?? url.hostname.replace(/^\[|\]$/g, '');
  return { address: isIP(address) ? address : await resolve(address), port: -1 };
}
