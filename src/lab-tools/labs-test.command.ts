import { randomBytes } from 'node:crypto';
import { LAB_TEST_PREFIX } from '../clusters/kind/kind-cluster-name.js';
import type { PreflightReport } from '../clusters/preflight/preflight.types.js';
import {
  enforcementGap,
  reliesOnKindnetPolicies,
} from '../clusters/preflight/network-policy-gap.js';
import type { Lab } from '../labs/lab.types.js';
import type { LabMode } from './kind-lab-target.js';
import { failedVerdicts, formatReport, runLabTest, type LabTestTarget } from './lab-test-runner.js';

export interface LabsTestDeps {
  labs: () => { labs: Lab[]; problems: { labId: string; message: string }[] };
  preflight: () => Promise<PreflightReport>;
  /** A fresh cluster target for one lab, named `name`, in `mode` (default local). */
  target: (
    lab: Lab,
    name: string,
    mode?: LabMode,
  ) => LabTestTarget & { cleanup(keep: boolean): Promise<void> };
  print: (line: string) => void;
  /** Grading again after a solution, until things settle (pods start, rules sync). */
  settle?: { attempts: number; delayMs: number };
}

const USAGE = 'usage: npm run labs:test -- [lab-id …] [--keep]';

/**
 * `npm run labs:test`: each kind lab on its own fresh kind cluster; per step the checks must not
 * pass before the reference solution (unless `observe: true`) and must pass after it. Returns the
 * exit code: 0 all good, 1 a check misbehaved, 2 could not run.
 */
export async function runLabsTest(args: string[], deps: LabsTestDeps): Promise<number> {
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
    const name = `${LAB_TEST_PREFIX}${randomBytes(3).toString('hex')}`;
    const target = deps.target(lab, name);
    try {
      const unenforced =
        gap && reliesOnKindnetPolicies(lab)
          ? `this host does not enforce NetworkPolicy (${gap.label}: ${gap.found ?? 'no'})`
          : undefined;
      const result = await runLabTest(target, lab, {
        judged: () => true,
        mustFailBefore: () => false,
        ...(deps.settle ? { settle: deps.settle } : {}),
        ...(unenforced
          ? { skip: (step) => (step.needsNetworkPolicy ? unenforced : undefined) }
          : {}),
      });
      deps.print(formatReport(result));
      const skippedSteps = new Set(result.verdicts.filter((v) => v.skipped).map((v) => v.step));
      if (skippedSteps.size > 0)
        deps.print(
          `${lab.id}: ${skippedSteps.size} step(s) NOT TESTED, their solutions ran: ${[...skippedSteps].join(', ')} — ${unenforced}`,
        );
      if (result.aborted || failedVerdicts(result).length > 0) failed++;
    } catch (error) {
      failed++;
      deps.print(
        `${lab.id}: could not run: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      await target
        .cleanup(keep)
        .catch((error: unknown) =>
          deps.print(`${lab.id}: cleanup of ${name} failed: ${String(error)}`),
        );
    }
    deps.print('');
  }
  deps.print(`${selected.length - failed} lab(s) passed, ${failed} lab(s) failed`);
  return failed > 0 ? 1 : 0;
}
