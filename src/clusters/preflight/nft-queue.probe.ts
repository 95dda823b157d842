import Docker from 'dockerode';
import type { DockerTarget } from '../docker/docker-endpoint.js';
import type { PreflightItem } from './preflight.types.js';

/**
 * kindnet enforces NetworkPolicy with kube-network-policies, which hands packets to user space
 * through an nftables `queue` rule. A kernel built without CONFIG_NFT_QUEUE accepts the
 * policies but never enforces them. kind nodes share the kernel of their Docker engine, so the
 * probe asks that engine: a throwaway container of the node image, in a network namespace of
 * its own, loads one `queue` rule.
 */
export const NFT_QUEUE_RULESET = [
  'add table inet kubelab_probe',
  'add chain inet kubelab_probe forward { type filter hook forward priority 0 ; }',
  'add rule inet kubelab_probe forward queue num 100 bypass',
].join(' ; ');

/** What nft prints when the kernel has no queue expression. */
const MISSING_QUEUE = /Could not process rule: (No such file or directory|Operation not supported)/;

export interface NftQueueRun {
  exitCode: number;
  output: string;
}

export function nftQueueItem(run: NftQueueRun | { notChecked: string }): PreflightItem {
  const base = {
    id: 'kernel-nft-queue',
    label: 'kernel: nftables queue (NetworkPolicy enforcement)',
    required: false,
  };
  if ('notChecked' in run) return { ...base, ok: true, found: `not checked: ${run.notChecked}` };
  if (run.exitCode === 0) return { ...base, ok: true, found: 'nft queue rules load' };
  const missing = MISSING_QUEUE.test(run.output);
  return {
    ...base,
    ok: false,
    found: missing
      ? 'CONFIG_NFT_QUEUE missing'
      : `nft failed: ${run.output.trim().split('\n').pop() ?? ''}`,
    problem: missing
      ? "The Docker engine's kernel has no nftables queue (CONFIG_NFT_QUEUE): kindnet accepts NetworkPolicies there but cannot enforce them; NetworkPolicy labs will be refused"
      : `Loading an nftables queue rule failed, so NetworkPolicy enforcement by kindnet is not assured; NetworkPolicy labs will be refused (${run.output.trim()})`,
    fixEn:
      'Run kind on a kernel with CONFIG_NFT_QUEUE (module nft_queue), e.g. a stock distribution kernel, or give NetworkPolicy labs a CNI that enforces with iptables (disableDefaultCNI + Calico).',
    problemDe: missing
      ? 'Der Linux-Kernel dieses Servers kann keine nftables-Warteschlange (CONFIG_NFT_QUEUE). kindnet nimmt NetworkPolicies dort zwar an, kann sie aber nicht durchsetzen – die Regeln würden nichts bewirken.'
      : 'Eine nftables-Regel mit Warteschlange ließ sich nicht laden; ob kindnet NetworkPolicies durchsetzt, ist damit nicht sicher.',
    fixDe:
      'kind auf einem Kernel mit CONFIG_NFT_QUEUE (Modul nft_queue) betreiben, etwa dem Standard-Kernel einer Distribution.',
  };
}

/** A kernel does not change while kubelab runs: one definite answer per engine and image. */
const answered = new Map<string, PreflightItem>();

export async function probeNftQueue(
  target: DockerTarget,
  nodeImage: string,
): Promise<PreflightItem> {
  const key = `${target.endpoint} ${nodeImage}`;
  const known = answered.get(key);
  if (known) return known;
  const item = await runNftQueueProbe(target, nodeImage);
  if (!item.found?.startsWith('not checked')) answered.set(key, item);
  return item;
}

async function runNftQueueProbe(target: DockerTarget, nodeImage: string): Promise<PreflightItem> {
  if (!nodeImage) return nftQueueItem({ notChecked: 'no node image configured' });
  const docker = new Docker({ ...target.options, timeout: 30_000 });
  try {
    await docker.getImage(nodeImage).inspect();
  } catch {
    return nftQueueItem({ notChecked: `node image ${nodeImage} is not on the engine yet` });
  }
  const container = await docker.createContainer({
    Image: nodeImage,
    Entrypoint: ['nft', NFT_QUEUE_RULESET],
    Labels: { 'kubelab.probe': 'nft-queue' },
    // With a TTY the log is plain text (stdout and stderr in one), not Docker's framed stream.
    Tty: true,
    HostConfig: { NetworkMode: 'none', CapDrop: ['ALL'], CapAdd: ['NET_ADMIN'] },
  });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const logs = await container.logs({ stdout: true, stderr: true });
    return nftQueueItem({ exitCode: StatusCode, output: logs.toString('utf8') });
  } catch (error) {
    return nftQueueItem({ notChecked: error instanceof Error ? error.message : String(error) });
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}
