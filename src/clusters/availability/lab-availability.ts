import type { EnvironmentType } from '../environment-driver.js';
import {
  enforcementGap,
  reliesOnKindnetPolicies,
  type AvailabilityLab,
} from '../preflight/network-policy-gap.js';
import type { PreflightItem, PreflightReport } from '../preflight/preflight.types.js';
import type { LabMode } from '../../labs/modes/lab-mode.js';

/** Whether this server can run a lab now; what the learner reads and what the operator fixes. */
export interface LabAvailability {
  available: boolean;
  /** German, for the learner: what is missing, never how to install it. Null when available. */
  learnerReason: string | null;
  /** The preflight items that keep the lab from running, most basic first, with their fixes. */
  blockers: PreflightItem[];
}

export type { AvailabilityLab };

const NETWORK_POLICY_REASON =
  'Diese Übung braucht NetworkPolicies, die wirklich durchgesetzt werden – das kann dieser Server nicht.';

/** The learner's sentence per blocking item; the first blocker decides. */
const LEARNER_REASONS: Record<string, string> = {
  'environment-disabled': 'Diese Übung wird auf diesem Server nicht angeboten.',
  'lab-mode':
    'Diese Übung braucht direkten Zugriff auf die Knoten des Clusters. Auf diesem Server, den sich ein Kurs teilt, ist sie deshalb nicht freigegeben.',
  docker:
    'Auf diesem Server läuft Docker gerade nicht, deshalb kann keine Übungsumgebung entstehen.',
  kind: 'Auf diesem Server fehlt kind, das Programm, das die Kubernetes-Cluster der Übungen erstellt.',
  'kind-node-image': 'Auf diesem Server fehlt das Image für die Knoten der Kubernetes-Cluster.',
  'toolbox-image':
    'Auf diesem Server fehlt das Image für dein Terminal in den Kubernetes-Übungen (mit kubectl).',
  'container-image': 'Auf diesem Server fehlt das Image für die Linux-Umgebung dieser Übung.',
  'kind-network-policy': NETWORK_POLICY_REASON,
  'kernel-nft-queue': NETWORK_POLICY_REASON,
};

const FALLBACK_REASON = 'Für diese Übung kann auf diesem Server gerade keine Umgebung entstehen.';
const TELL_INSTRUCTOR = 'Bitte sag deiner Kursleitung Bescheid.';

/** Decisions of the server's operator: the lab is not offered, whatever the host could do. */
const BY_DECISION = new Set(['environment-disabled', 'lab-mode']);

/** Blockers that explain the others go first: without Docker nothing else was checked. */
const PRIORITY = [
  'lab-mode',
  'environment-disabled',
  'docker',
  'kind',
  'kind-node-image',
  'toolbox-image',
  'container-image',
];

export function disabledItem(type: EnvironmentType): PreflightItem {
  return {
    id: 'environment-disabled',
    label: `environment ${type}`,
    required: true,
    ok: false,
    found: 'disabled',
    problem: `KUBELAB_ENVIRONMENTS does not include ${type}`,
    fixEn: `Add ${type} to KUBELAB_ENVIRONMENTS and restart the server.`,
    problemDe: `Die Umgebungsart ${type} ist auf diesem Server abgeschaltet (KUBELAB_ENVIRONMENTS).`,
    fixDe: `${type} in KUBELAB_ENVIRONMENTS aufnehmen und den Server neu starten.`,
  };
}

/** The lab is not written for the server's mode (KUBELAB_MODE), e.g. a node-shell lab in a class. */
export function modeItem(lab: AvailabilityLab, mode: LabMode): PreflightItem {
  const claimed = lab.modes.join(', ');
  return {
    id: 'lab-mode',
    label: `lab modes ${claimed}`,
    required: true,
    ok: false,
    found: `KUBELAB_MODE=${mode}`,
    problem: `the lab claims modes ${claimed}, the server runs in ${mode}`,
    fixEn:
      mode === 'shared'
        ? 'Offer the lab on a server with KUBELAB_MODE=local, or write it for shared mode (modes: [local, shared], node commands through knoten) and pass npm run labs:check and labs:test --mode shared.'
        : `Offer the lab on a server with KUBELAB_MODE=${lab.modes[0] ?? 'shared'}.`,
    problemDe: `Die Übung ist für den Modus ${claimed} geschrieben; dieser Server läuft mit KUBELAB_MODE=${mode}.`,
    fixDe:
      mode === 'shared'
        ? 'Die Übung auf einem Server mit KUBELAB_MODE=local anbieten, oder sie für shared schreiben (modes: [local, shared], Knotenbefehle über knoten) und mit npm run labs:check und labs:test --mode shared prüfen.'
        : `Die Übung auf einem Server mit KUBELAB_MODE=${lab.modes[0] ?? 'shared'} anbieten.`,
  };
}

/**
 * A lab runs where it is written for the server's mode, its environment type is enabled, its
 * driver's required preflight items are met and, for a lab that teaches NetworkPolicy with
 * kindnet, policies are enforced. `report` is the driver's preflight; undefined when the type is
 * disabled.
 */
export function labAvailability(
  lab: AvailabilityLab,
  report: PreflightReport | undefined,
  mode: LabMode,
): LabAvailability {
  const blockers = report ? driverBlockers(lab, report) : [disabledItem(lab.environment)];
  if (!lab.modes.includes(mode)) blockers.unshift(modeItem(lab, mode));
  if (blockers.length === 0) return { available: true, learnerReason: null, blockers };
  const first = blockers[0];
  const reason = LEARNER_REASONS[first.id] ?? FALLBACK_REASON;
  return {
    available: false,
    learnerReason: BY_DECISION.has(first.id) ? reason : `${reason} ${TELL_INSTRUCTOR}`,
    blockers,
  };
}

function driverBlockers(lab: AvailabilityLab, report: PreflightReport): PreflightItem[] {
  const missing = report.items.filter((i) => i.required && !i.ok);
  const gap = reliesOnKindnetPolicies(lab) ? enforcementGap(report) : undefined;
  if (gap) missing.push(gap);
  return missing.sort((a, b) => rank(a) - rank(b));
}

function rank(item: PreflightItem): number {
  const index = PRIORITY.indexOf(item.id);
  return index === -1 ? PRIORITY.length : index;
}
