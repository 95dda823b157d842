import type { LabAvailabilityView, LabDetail, LabSummary } from '../contract/lab.views.js';
import type { Lab } from './lab.types.js';

const AVAILABLE: LabAvailabilityView = { available: true, reason: null };

/** What the catalog shows of a lab; never checks' internals or solutions. */
export function toLabSummary(lab: Lab, availability = AVAILABLE): LabSummary {
  return {
    id: lab.id,
    title: lab.title,
    summary: lab.summary,
    duration: lab.duration,
    level: lab.level,
    environment: lab.environment,
    stepCount: lab.steps.length,
    availability,
  };
}

export function toLabDetail(lab: Lab, availability = AVAILABLE): LabDetail {
  return {
    ...toLabSummary(lab, availability),
    goals: lab.goals,
    autoCheck: lab.autoCheck,
    nodes: terminalTargets(lab),
    steps: lab.steps.map((step) => ({
      id: step.id,
      title: step.title,
      html: step.html,
      hintCount: step.hints.length,
      // Answer checks need input fields; their expected values stay on the server.
      questions: step.checks
        .filter((check) => check.kind === 'answer')
        .map((check) => ({ id: check.id, prompt: check.prompt, type: check.type })),
    })),
  };
}

/**
 * Where a terminal can be opened (one tab each). kind names workers worker, worker2, …; in
 * shared mode a kind lab's only terminal is the learner's toolbox, never a node.
 */
function terminalTargets(lab: Lab): string[] {
  if (lab.environment !== 'kind') return ['control-plane'];
  if (lab.shownIn === 'shared') return ['toolbox'];
  return [
    'control-plane',
    ...Array.from({ length: lab.cluster.workers }, (_, i) => (i ? `worker${i + 1}` : 'worker')),
  ];
}
