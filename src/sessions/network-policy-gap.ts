import type { PreflightReport } from '../clusters/preflight/preflight.types.js';
import type { Lab } from '../labs/lab.types.js';

/**
 * A lab that teaches NetworkPolicy must run where policies are enforced: kindnet does so from
 * kind v0.24; below that only a lab that brings its own CNI (`disableDefaultCNI`) may run.
 */
export function networkPolicyGap(lab: Lab, report: PreflightReport): string | undefined {
  if (lab.environment !== 'kind' || !lab.cluster.networkPolicy || lab.cluster.disableDefaultCNI)
    return undefined;
  const enforcement = report.items.find((i) => i.id === 'kind-network-policy');
  if (!enforcement || enforcement.ok) return undefined;
  return `Diese Übung braucht NetworkPolicies, die wirklich durchgesetzt werden. ${enforcement.problemDe ?? ''} Bitte gib der Kursleitung Bescheid. So lässt es sich beheben: ${enforcement.fixDe ?? ''}`.trim();
}
