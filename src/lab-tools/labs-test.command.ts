import { randomBytes } from 'node:crypto';
import { LAB_TEST_PREFIX } from '../clusters/kind/kind-cluster-name.js';
import type { PreflightItem, PreflightReport } from '../clusters/preflight/preflight.types.js';
import {
  enforcementGap,
  reliesOnKindnetPolicies,
} from '../clusters/preflight/network-policy-gap.js';
import type { Lab } from '../labs/lab.types.js';
import { LAB_MODES, type LabMode } from '../labs/modes/lab-mode.js';
import { labInMode } from '../labs/modes/lab-in-mode.js';
import { failedVerdicts, formatReport, runLabTest, type LabTestTarget } from './lab-test-runner.js';

export interface LabsTestDeps {
  labs: () => { labs: Lab[]; problems: { labId: string; message: string }[] };
  preflight: () => Promise<PreflightReport>;
  /**
   * A fresh cluster target for one lab in one server mode, named `name`: in shared mode the
   * solutions run as the learner would run them (toolbox, `knoten`), in local mode in a node.
   */
  target: (
    lab: Lab,
    name: string,
    mode: LabMode,
  ) => LabTestTarget & { cleanup(keep: boolean): Promise<void> };
  print: (line: string) => void;
  /** Grading again after a solution, until things settle (pods start, rules sync). */
  settle?: { attempts: number; delayMs: number };
}

const USAGE = 'usage: npm run labs:test -- [lab-id …] [--mode local|shared|all] [--keep]';

const MODE_CHOICES = [...LAB_MODES, 'all'] as const;
type ModeChoice = (typeof MODE_CHOICES)[number];

function isModeChoice(value: string): value is ModeChoice {
  return (MODE_CHOICES as readonly string[]).includes(value);
}

/** `--mode x` or `--mode=x` taken out of the arguments; null when it has no value. */
function modeOption(args: string[]): { value?: string; rest: string[] } | null {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--mode') {
      value = args[++i];
      if (value === undefined) return null;
    } else if (arg.startsWith('--mode=')) value = arg.slice('--mode='.length);
    else rest.push(arg);
  }
  return { ...(value !== undefined ? { value } : {}), rest };
}

/** The modes to run a lab in: every mode it claims (`all`, the default), or the one asked for. */
function modesFor(lab: Lab, wanted: ModeChoice): LabMode[] {
  return wanted === 'all' ? lab.modes : lab.modes.filter((mode) => mode === wanted);
}

/**
 * `npm run labs:test`: each kind lab on its own fresh kind cluster; per step the checks must not
 * pass before the reference solution (unless `observe: true`) and must pass after it. Returns the
 * exit code: 0 all good, 1 a check misbehaved, 2 could not run.
 */
export async function runLabsTest(allArgs: string[], deps: LabsTestDeps): Promise<number> {
  const option = modeOption(allArgs);
  const wantedMode = option?.value ?? 'all';
  if (!option || !isModeChoice(wantedMode)) {
    deps.print(`--mode takes local, shared or all\n${USAGE}`);
    return 2;
  }
  const args = option.rest;
  const keep = args.includes('--keep');
  const unknownFlag = args.find((a) => a.startsWith('-') && a !== '--keep');
  if (unknownFlag) {
    deps.print(`unknown option ${unknownFlag}\n${USAGE}`);
    return 2;
  }
  const wanted = args.filter((a) => !a.startsWith('-'));
  const { labs, problems } = deps.labs();
  const kindLabs = labs.filter((lab) => lab.environment === 'kind');
  const missing = wanted.filter((id) => !kindLabs.some((lab) => lab.id === id));
  if (missing.length > 0) {
    const broken = problems.filter((p) => missing.includes(p.labId));
    deps.print(
      `no valid kind lab ${missing.join(', ')} (kind labs: ${kindLabs.map((l) => l.id).join(', ')})`,
    );
    for (const p of broken) deps.print(`  ${p.labId}: ${p.message} (see npm run labs:check)`);
    return 2;
  }
  const report = await deps.preflight();
  const blocking = report.items.filter((item) => item.required && !item.ok);
  if (blocking.length > 0) {
    deps.print('labs:test needs kind and a Docker engine on this machine:');
    for (const item of blocking) {
      deps.print(
        `  MISSING ${item.label}: ${item.problem ?? ''}${item.fixEn ? ` — fix: ${item.fixEn}` : ''}`,
      );
    }
    return 2;
  }

  const selected = wanted.length > 0 ? kindLabs.filter((l) => wanted.includes(l.id)) : kindLabs;
  const gap = enforcementGap(report);
  let failed = 0;
  for (const lab of selected) {
    const modes = modesFor(lab, wantedMode);
    if (modes.length === 0) {
      deps.print(
        `${lab.id}: not run, it claims modes ${lab.modes.join(', ')}, not ${wantedMode}\n`,
      );
      continue;
    }
    let labFailed = false;
    for (const mode of modes) {
      const passed = await runInMode(labInMode(lab, mode), mode, { deps, keep, gap });
      labFailed ||= !passed;
    }
    if (labFailed) failed++;
  }
  deps.print(`${selected.length - failed} lab(s) passed, ${failed} lab(s) failed`);
  return failed > 0 ? 1 : 0;
}

/** One lab, as `mode` shows it, on its own fresh cluster; whether every check behaved. */
async function runInMode(
  lab: Lab,
  mode: LabMode,
  { deps, keep, gap }: { deps: LabsTestDeps; keep: boolean; gap: PreflightItem | undefined },
): Promise<boolean> {
  const name = `${LAB_TEST_PREFIX}${randomBytes(3).toString('hex')}`;
  const run = `${lab.id} [${mode}]`;
  let passed = false;
  let target: ReturnType<LabsTestDeps['target']>;
  try {
    target = deps.target(lab, name, mode);
  } catch (error) {
    deps.print(
      `${run}: could not run: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return false;
  }
  try {
    const unenforced =
      gap && reliesOnKindnetPolicies(lab)
        ? `this host does not enforce NetworkPolicy (${gap.label}: ${gap.found ?? 'no'})`
        : undefined;
    const result = await runLabTest(target, lab, {
      judged: () => true,
      mustFailBefore: () => false,
      ...(deps.settle ? { settle: deps.settle } : {}),
      ...(unenforced ? { skip: (step) => (step.needsNetworkPolicy ? unenforced : undefined) } : {}),
    });
    deps.print(formatReport({ ...result, lab: run }));
    const skippedSteps = new Set(result.verdicts.filter((v) => v.skipped).map((v) => v.step));
    if (skippedSteps.size > 0)
      deps.print(
        `${run}: ${skippedSteps.size} step(s) NOT TESTED, their solutions ran: ${[...skippedSteps].join(', ')} — ${unenforced}`,
      );
    passed = !result.aborted && failedVerdicts(result).length === 0;
  } catch (error) {
    deps.print(`${run}: could not run: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await target
      .cleanup(keep)
      .catch((error: unknown) => deps.print(`${run}: cleanup of ${name} failed: ${String(error)}`));
  }
  deps.print('');
  return passed;
}
