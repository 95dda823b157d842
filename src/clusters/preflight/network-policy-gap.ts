import type { Lab } from '../../labs/lab.types.js';
import type { PreflightItem, PreflightReport } from './preflight.types.js';

/** What decides whether a lab can run: its environment type, cluster block and modes. */
export type AvailabilityLab = Pick<Lab, 'environment' | 'cluster' | 'modes'>;

const ENFORCEMENT_ITEMS = ['kind-network-policy', 'kernel-nft-queue'];

/** The preflight item that says this host does not enforce NetworkPolicy, if any. */
export function enforcementGap(report: PreflightReport): PreflightItem | undefined {
  return report.items.find((i) => ENFORCEMENT_ITEMS.includes(i.id) && !i.ok);
}

/**
 * A lab that teaches NetworkPolicy must run where policies are enforced: kindnet does so from
 * kind v0.24 and only on a kernel with nftables queue; a lab that brings its own CNI
 * (`disableDefaultCNI`) does not depend on kindnet.
 */
export function reliesOnKindnetPolicies(lab: AvailabilityLab): boolean {
  return lab.environment === 'kind' && lab.cluster.networkPolicy && !lab.cluster.disableDefaultCNI;
}
