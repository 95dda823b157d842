import type { PreflightItem, PreflightReport } from './preflight.types.js';
import type { Lab } from '../../labs/lab.types.js';

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
export function reliesOnKindnetPolicies(lab: Lab): boolean {
  return lab.environment === 'kind' && lab.cluster.networkPolicy && !lab.cluster.disableDefaultCNI;
}

/** Why this lab cannot run on this host (German, for the learner), or undefined. */
export function networkPolicyGap(lab: Lab, report: PreflightReport): string | undefined {
  if (!reliesOnKindnetPolicies(lab)) return undefined;
  const enforcement = enforcementGap(report);
  if (!enforcement) return undefined;
  return `Diese Übung braucht NetworkPolicies, die wirklich durchgesetzt werden. ${enforcement.problemDe ?? ''} Bitte gib der Kursleitung Bescheid. So lässt es sich beheben: ${enforcement.fixDe ?? ''}`.trim();
}
