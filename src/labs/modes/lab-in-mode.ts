import type { Lab, LoadedStep } from '../lab.types.js';
import { renderMarkdown } from '../markdown.js';
import { belongsTo, type LabMode } from './lab-mode.js';
import { markdownInMode } from './mode-blocks.js';

/**
 * A lab as a server in `mode` shows, grades and sets it up: each step's text without the other
 * mode's blocks, and only the checks, hints, step setup and solution files that belong to `mode`. The
 * catalog holds this view, so grading, hints, auto-check and the API need no mode of their own.
 */
export function labInMode(lab: Lab, mode: LabMode): Lab {
  // A container lab's terminal is its one node, in every mode.
  const viaKnoten = mode === 'shared' && lab.environment === 'kind';
  return {
    ...lab,
    shownIn: mode,
    steps: lab.steps.map((step) => stepInMode(step, mode, viaKnoten)),
  };
}

function stepInMode(step: LoadedStep, mode: LabMode, viaKnoten: boolean): LoadedStep {
  const markdown = markdownInMode(step.markdown, mode);
  return {
    ...step,
    markdown,
    html: renderMarkdown(markdown),
    checks: step.checks
      .filter((check) => belongsTo(check, mode))
      .map((check) => (viaKnoten ? throughKnoten(check) : check)),
    hints: step.hints.filter((hint) => typeof hint === 'string' || belongsTo(hint, mode)),
    setup: step.setup.filter((entry) => belongsTo(entry, mode)),
    setupFiles: step.setupFiles.filter((file) => belongsTo(file, mode)),
    solution: step.solution.filter((entry) => belongsTo(entry, mode)),
    solutions: step.solutions.filter((file) => belongsTo(file, mode)),
  };
}

type Check = LoadedStep['checks'][number];

/** A shared-mode learner reaches a kind node only through `knoten`: a node check's `see` says so. */
function throughKnoten(check: Check): Check {
  if (check.kind !== 'nodeExec' || check.see === undefined) return check;
  return { ...check, see: `knoten ${check.node} ${check.see}` };
}
