import path from 'node:path';
import { loadLabs } from '../../src/labs/lab-loader.js';
import { labInMode } from '../../src/labs/modes/lab-in-mode.js';
import { failedVerdicts, formatReport, runLabTest } from '../../src/lab-tools/lab-test-runner.js';
import { OFFLINE_KINDS, SimLabTarget, STATE_KINDS } from '../support/cluster-sim/sim-lab-target.js';

/**
 * Issue #6 without kind: for each shipped kind lab, the API objects its setup and reference
 * solutions produce (SimCluster) must make every `resource`, `answer` and `policy` check fail
 * before its step's solution and pass after it; probes between pods (`connectivity`,
 * `reachability`, answered by SimNetwork) must pass after it, and no step may pass before — in every mode
 * the lab claims, as that mode shows it.
 */
const { labs, problems } = loadLabs(path.resolve('labs'));
const kindLabs = labs.filter((lab) => lab.environment === 'kind');

describe('shipped labs, offline before/after', () => {
  it('all load', () => {
    expect(problems).toEqual([]);
    expect(kindLabs.length).toBeGreaterThanOrEqual(4);
  });

  const runs = kindLabs.flatMap((lab) =>
    lab.modes.map((mode) => [`${lab.id} [${mode}]`, labInMode(lab, mode)] as const),
  );
  describe.each(runs)('%s', (_run, lab) => {
    it('its checks fail before each step’s solution and pass after it', async () => {
      const report = await runLabTest(new SimLabTarget(), lab, {
        judged: (check) => OFFLINE_KINDS.has(check.kind),
        mustFailBefore: (check) => STATE_KINDS.has(check.kind),
      });
      const text = formatReport(report);
      // KUBELAB_PRINT_LAB_TESTS=1 shows the table of every lab, also when it passes.
      if (process.env.KUBELAB_PRINT_LAB_TESTS) process.stdout.write(`${text}\n\n`);
      expect({ aborted: report.aborted, misses: failedVerdicts(report), table: text }).toEqual({
        aborted: undefined,
        misses: [],
        table: text,
      });
      // Every step with an object-reading check was judged.
      const judgedSteps = new Set(report.verdicts.map((v) => v.step));
      const expected = lab.steps.filter((s) => s.checks.some((c) => OFFLINE_KINDS.has(c.kind)));
      expect([...judgedSteps]).toEqual(expected.map((s) => s.id));
    });
  });
});
