import { parseClusterState } from './cluster-state.js';
import { type CompiledCluster, compileCluster, ruleAllows } from './policy-index.js';
import { type Protocol, podKey } from './policy-model.js';

export interface Probe {
  port: number;
  protocol: Protocol;
}

export interface ReachabilityResult extends Probe {
  /** `namespace/pod` */
  from: string;
  to: string;
  allowed: boolean;
}

/**
 * Every source × destination pod pair (including a pod to itself) for one port and protocol,
 * sources in the outer order. `objects` are API objects as `parseClusterState` reads them.
 */
export function evaluateReachability(objects: unknown, probe: Probe): ReachabilityResult[] {
  return computeReachability(compileCluster(parseClusterState(objects)), probe);
}

export function computeReachability(cluster: CompiledCluster, probe: Probe): ReachabilityResult[] {
  const keys = cluster.pods.map(podKey);
  const results: ReachabilityResult[] = [];
  keys.forEach((from, source) => {
    keys.forEach((to, destination) => {
      const allowed = isConnectionAllowed(cluster, source, destination, probe);
      results.push({ from, to, port: probe.port, protocol: probe.protocol, allowed });
    });
  });
  return results;
}

/** Egress from the source and ingress to the destination must both be allowed. */
export function isConnectionAllowed(
  cluster: CompiledCluster,
  source: number,
  destination: number,
  { port, protocol }: Probe,
): boolean {
  const destinationPod = cluster.pods[destination];
  const egress = cluster.egress[source];
  const ingress = cluster.ingress[destination];
  if (!destinationPod || !egress || !ingress) throw new RangeError('unknown pod index');
  const egressAllowed =
    egress.isolatedBy.length === 0 ||
    egress.rules.some((r) => ruleAllows(r, destination, destinationPod, port, protocol));
  return (
    egressAllowed &&
    (ingress.isolatedBy.length === 0 ||
      ingress.rules.some((r) => ruleAllows(r, source, destinationPod, port, protocol)))
  );
}
