import {
  labAvailability,
  type AvailabilityLab,
} from '../clusters/availability/lab-availability.js';
import type { EnvironmentType } from '../clusters/environment-driver.js';
import type { DockerEngine } from '../clusters/engines/docker-engines.js';
import type { PreflightItem, PreflightReport } from '../clusters/preflight/preflight.types.js';
import type { LabMode } from '../labs/modes/lab-mode.js';

/** One engine with each enabled driver's preflight there. */
export interface EngineReports {
  engine: DockerEngine;
  reports: Partial<Record<EnvironmentType, PreflightReport>>;
}

/** The engine's items of all drivers, each once (both drivers ask Docker). */
export function engineItems({ reports }: EngineReports): PreflightItem[] {
  const seen = new Set<string>();
  return [...(reports.kind?.items ?? []), ...(reports.container?.items ?? [])].filter(
    (item) => !seen.has(item.id) && seen.add(item.id),
  );
}

function missingOn(engine: EngineReports, type: EnvironmentType): string {
  const missing = (engine.reports[type]?.items ?? []).filter((i) => i.required && !i.ok);
  return `${engine.engine.name} lacks ${missing.map((i) => i.label).join(', ')}`;
}

/**
 * Per enabled environment type: the engines that have all it requires. The server is ready
 * when every type has one; a type without any says which engines lack what. An engine that
 * lacks something while others have it is a warning: environments go to the others.
 */
export function readiness(
  engines: EngineReports[],
  enabled: readonly EnvironmentType[],
): { ready: boolean; gaps: string[]; warnings: string[] } {
  const gaps: string[] = [];
  const warnings: string[] = [];
  for (const type of enabled) {
    const ready = engines.filter((e) => e.reports[type]?.ok);
    const lacking = engines.filter((e) => !e.reports[type]?.ok);
    if (ready.length === 0)
      gaps.push(
        `${type}: no engine has all it needs (${lacking.map((e) => missingOn(e, type)).join('; ')})`,
      );
    else if (lacking.length > 0)
      warnings.push(
        `${type}: ${lacking.map((e) => missingOn(e, type)).join('; ')}; its environments go to ${ready.map((e) => e.engine.name).join(', ')}`,
      );
  }
  return { ready: gaps.length === 0, gaps, warnings };
}

/** A lab runs on the server when some engine can hold it; otherwise each engine's blockers. */
export function labOnEngines(
  lab: AvailabilityLab,
  engines: EngineReports[],
  mode: LabMode,
): { available: boolean; engines: string[]; blockers: string } {
  const answers = engines.map((e) => ({
    name: e.engine.name,
    answer: labAvailability(lab, e.reports[lab.environment], mode),
  }));
  const on = answers.filter((a) => a.answer.available).map((a) => a.name);
  const blockers = answers
    .filter((a) => !a.answer.available)
    .map((a) => `${a.name}: ${a.answer.blockers.map((b) => b.label).join(', ')}`);
  const sameEverywhere = new Set(
    answers.map((a) => a.answer.blockers.map((b) => b.label).join(', ')),
  );
  return {
    available: on.length > 0,
    engines: on,
    // A blocker every engine shares (the lab's mode, a disabled type) is said once.
    blockers:
      on.length === 0 && sameEverywhere.size === 1
        ? answers[0].answer.blockers.map((b) => b.label).join(', ')
        : blockers.join('; '),
  };
}
