import path from 'node:path';
import type { PreflightReport } from '../clusters/preflight/preflight.types.js';
import type { CheckResult } from '../grading/check-result.js';
import { loadLab } from '../labs/lab-loader.js';
import type { Lab, LoadedStep } from '../labs/lab.types.js';
import type { LabTestTarget } from './lab-test-runner.js';
import { runLabsTest, type LabsTestDeps } from './labs-test.command.js';

const loaded = loadLab(path.resolve('test/fixtures/labs-kind/01-erste-schritte-im-cluster'));
if (!('lab' in loaded)) throw new Error('sample lab does not load');
const SAMPLE: Lab = loaded.lab;

const READY: PreflightReport = { ok: true, items: [] } as unknown as PreflightReport;

/**
 * A cluster whose checks pass exactly when their step's solution has run; `quirk` changes one
 * check's behaviour, as a broken lab would.
 */
class ScriptedTarget implements LabTestTarget {
  readonly solved = new Set<string>();
  readonly events: string[] = [];
  constructor(private readonly quirk?: { check: string; status: CheckResult['status'] }) {}

  setup(): Promise<void> {
    this.events.push('setup');
    return Promise.resolve();
  }
  setupStep(_lab: Lab, step: LoadedStep): Promise<void> {
    this.events.push(`begin ${step.id}`);
    return Promise.resolve();
  }
  applySolution(_lab: Lab, step: LoadedStep) {
    this.solved.add(step.id);
    this.events.push(`solve ${step.id}`);
    return Promise.resolve([]);
  }
  referenceAnswers() {
    return Promise.resolve({});
  }
  now() {
    return new Date(0);
  }
  grade(_lab: Lab, step: LoadedStep): Promise<CheckResult[]> {
    return Promise.resolve(
      step.checks.map((c) => ({
        id: c.id,
        kind: c.kind,
        status:
          this.quirk?.check === c.id
            ? this.quirk.status
            : this.solved.has(step.id)
              ? ('pass' as const)
              : ('fail' as const),
        message: this.quirk?.check === c.id ? 'Der Satz für Lernende.' : '',
        ...(this.quirk?.check === c.id ? { detail: '{.status.podIP} ist null' } : {}),
        durationMs: 1,
      })),
    );
  }
  cleanup(keep: boolean): Promise<void> {
    this.events.push(keep ? 'keep' : 'delete');
    return Promise.resolve();
  }
}

function deps(target: ScriptedTarget, overrides: Partial<LabsTestDeps> = {}) {
  const lines: string[] = [];
  const names: string[] = [];
  const all: LabsTestDeps = {
    labs: () => ({ labs: [SAMPLE], problems: [] }),
    preflight: () => Promise.resolve(READY),
    target: (_lab, name) => {
      names.push(name);
      return target;
    },
    print: (line) => lines.push(line),
    ...overrides,
  };
  return { all, lines, names };
}

describe(runLabsTest.name, () => {
  it('passes a lab whose checks fail before and pass after each solution, and deletes its cluster', async () => {
    const target = new ScriptedTarget();
    const { all, lines, names } = deps(target);
    expect(await runLabsTest([], all)).toBe(0);
    expect(target.events).toEqual(['setup', 'solve knoten', 'solve erster-pod', 'delete']);
    expect(names).toEqual([expect.stringMatching(/^kl-labtest-[0-9a-f]{6}$/)]);
    expect(lines.join('\n')).toMatch(/knoten\s+anzahl-knoten\s+answer\s+fail\s+pass\s+ok/);
    expect(lines.at(-1)).toBe('1 lab(s) passed, 0 lab(s) failed');
  });

  it('makes what a step breaks when it begins after the earlier solutions, before judging it', async () => {
    const target = new ScriptedTarget();
    const broken = { file: 'setup/kaputt.yaml', type: 'manifest' as const, text: '' };
    const lab: Lab = {
      ...SAMPLE,
      steps: SAMPLE.steps.map((s, i) => (i === 1 ? { ...s, setupFiles: [broken] } : s)),
    };
    const { all } = deps(target, { labs: () => ({ labs: [lab], problems: [] }) });
    expect(await runLabsTest([], all)).toBe(0);
    expect(target.events).toEqual([
      'setup',
      'solve knoten',
      'begin erster-pod',
      'solve erster-pod',
      'delete',
    ]);
  });

  it('fails a lab whose check cannot tell (error) after the solution, naming the check', async () => {
    const target = new ScriptedTarget({ check: 'pod-ip', status: 'error' });
    const { all, lines } = deps(target, {});
    expect(await runLabsTest(['01-erste-schritte-im-cluster', '--keep'], all)).toBe(1);
    expect(lines.join('\n')).toMatch(
      /erster-pod\s+pod-ip\s+answer\s+error\s+error\s+MISS: cannot look before the solution; error after the solution/,
    );
    expect(target.events.at(-1)).toBe('keep');
    expect(lines.at(-1)).toBe('0 lab(s) passed, 1 lab(s) failed');
  });

  it('prints the technical detail of a missed check, not the learner’s sentence', async () => {
    const target = new ScriptedTarget({ check: 'pod-ip', status: 'fail' });
    const { all, lines } = deps(target, {});
    expect(await runLabsTest([], all)).toBe(1);
    const table = lines.join('\n');
    expect(table).toMatch(
      /pod-ip .*MISS: .*— \{\.status\.podIP\} ist null \| \{\.status\.podIP\} ist null/,
    );
    expect(table).not.toContain('Der Satz für Lernende.');
  });

  it('fails a step whose checks all pass before its solution', async () => {
    const target = new ScriptedTarget();
    target.solved.add('knoten');
    const { all, lines } = deps(target);
    expect(await runLabsTest([], all)).toBe(1);
    expect(lines.join('\n')).toContain('MISS: passes before the solution');
  });

  it('deletes the cluster also when the setup fails', async () => {
    const target = new ScriptedTarget();
    target.setup = () => Promise.reject(new Error('kind create failed'));
    const { all, lines } = deps(target);
    expect(await runLabsTest([], all)).toBe(1);
    expect(lines).toContain(
      '01-erste-schritte-im-cluster [local]: could not run: kind create failed',
    );
    expect(target.events).toEqual(['delete']);
  });

  it('does not start when kind or Docker is missing, and says how to fix it', async () => {
    const target = new ScriptedTarget();
    const missing = {
      ok: false,
      items: [
        {
          id: 'kind',
          label: 'kind CLI',
          required: true,
          ok: false,
          problem: 'not found',
          fixEn: 'install kind',
        },
      ],
    } as unknown as PreflightReport;
    const { all, lines } = deps(target, { preflight: () => Promise.resolve(missing) });
    expect(await runLabsTest([], all)).toBe(2);
    expect(lines).toContain('  MISSING kind CLI: not found — fix: install kind');
    expect(target.events).toEqual([]);
  });

  it('refuses an unknown lab id and an unknown option', async () => {
    const { all, lines } = deps(new ScriptedTarget());
    expect(await runLabsTest(['99-fehlt'], all)).toBe(2);
    expect(lines[0]).toContain('no valid kind lab 99-fehlt');
    expect(await runLabsTest(['--schnell'], all)).toBe(2);
  });

  describe('on a host that does not enforce NetworkPolicy', () => {
    const NO_QUEUE: PreflightReport = {
      ok: true,
      checkedAt: '2026-11-30T12:00:00.000Z',
      items: [
        {
          id: 'kernel-nft-queue',
          label: 'kernel: nftables queue (NetworkPolicy enforcement)',
          required: false,
          ok: false,
          found: 'CONFIG_NFT_QUEUE missing',
        },
      ],
    };
    /** The sample lab as a NetworkPolicy lab whose second step shows a policy's effect. */
    const policyLab = (): Lab => ({
      ...SAMPLE,
      cluster: { ...SAMPLE.cluster, networkPolicy: true },
      steps: SAMPLE.steps.map((step, i) => ({ ...step, needsNetworkPolicy: i === 1 })),
    });

    it('runs the solution of a step that needs enforcement but does not judge it, and says so', async () => {
      // This check would fail after its solution: on an unenforcing host it is not judged.
      const lab = policyLab();
      const check = lab.steps[1]?.checks[0]?.id ?? '';
      const target = new ScriptedTarget({ check, status: 'fail' });
      const { all, lines } = deps(target, {
        labs: () => ({ labs: [lab], problems: [] }),
        preflight: () => Promise.resolve(NO_QUEUE),
      });
      expect(await runLabsTest([], all)).toBe(0);
      expect(target.events).toContain(`solve ${lab.steps[1]?.id}`);
      const out = lines.join('\n');
      expect(out).toMatch(
        /skipped: this host does not enforce NetworkPolicy \(.*CONFIG_NFT_QUEUE missing\)/,
      );
      expect(out).toContain(`1 step(s) NOT TESTED, their solutions ran: ${lab.steps[1]?.id}`);
    });

    it('judges every step where the host enforces, or where the lab is not a NetworkPolicy lab', async () => {
      const lab = policyLab();
      const check = lab.steps[1]?.checks[0]?.id ?? '';
      const enforcing = deps(new ScriptedTarget({ check, status: 'fail' }), {
        labs: () => ({ labs: [lab], problems: [] }),
      });
      expect(await runLabsTest([], enforcing.all)).toBe(1);
      const plainLab = { ...lab, cluster: { ...lab.cluster, networkPolicy: false } };
      const plain = deps(new ScriptedTarget({ check, status: 'fail' }), {
        labs: () => ({ labs: [plainLab], problems: [] }),
        preflight: () => Promise.resolve(NO_QUEUE),
      });
      expect(await runLabsTest([], plain.all)).toBe(1);
    });
  });

  describe('per server mode', () => {
    const MODES_LAB = loadLab(path.resolve('test/fixtures/labs-modes/01-knoten-ansehen'));
    if (!('lab' in MODES_LAB)) throw new Error('modes fixture does not load');
    const bothModes = MODES_LAB.lab;

    /** Targets by mode, each remembering the lab it was given. */
    function modeDeps(labs: Lab[]) {
      const runs: { mode: string; lab: Lab; target: ScriptedTarget }[] = [];
      const { all, lines } = deps(new ScriptedTarget(), {
        labs: () => ({ labs, problems: [] }),
        target: (lab, _name, mode) => {
          const target = new ScriptedTarget();
          runs.push({ mode, lab, target });
          return target;
        },
      });
      return { all, lines, runs };
    }

    it('runs a lab once in every mode it claims, on a fresh cluster each, as that mode shows it', async () => {
      const { all, lines, runs } = modeDeps([bothModes, SAMPLE]);
      expect(await runLabsTest([], all)).toBe(0);
      expect(runs.map((r) => `${r.lab.id} ${r.mode}`)).toEqual([
        '01-knoten-ansehen local',
        '01-knoten-ansehen shared',
        '01-erste-schritte-im-cluster local',
      ]);
      const checks = (mode: string) => runs.find((r) => r.mode === mode)?.lab.steps[0].checks;
      expect(checks('local')?.map((c) => c.id)).toContain('nur-lokal');
      expect(checks('shared')?.map((c) => c.id)).not.toContain('nur-lokal');
      expect(runs.every((r) => r.target.events.at(-1) === 'delete')).toBe(true);
      expect(lines.some((l) => l.startsWith('01-knoten-ansehen [shared]\n'))).toBe(true);
      expect(lines.at(-1)).toBe('2 lab(s) passed, 0 lab(s) failed');
    });

    it('runs only the mode --mode names, and says which labs do not claim it', async () => {
      const { all, lines, runs } = modeDeps([bothModes, SAMPLE]);
      expect(await runLabsTest(['--mode', 'shared'], all)).toBe(0);
      expect(runs.map((r) => `${r.lab.id} ${r.mode}`)).toEqual(['01-knoten-ansehen shared']);
      expect(lines).toContain(
        '01-erste-schritte-im-cluster: not run, it claims modes local, not shared\n',
      );

      const local = modeDeps([bothModes]);
      expect(await runLabsTest(['--mode=local', '01-knoten-ansehen'], local.all)).toBe(0);
      expect(local.runs.map((r) => r.mode)).toEqual(['local']);
    });

    it('fails a lab when one of its modes fails, and reports the run that could not start', async () => {
      const { all, lines } = deps(new ScriptedTarget(), {
        labs: () => ({ labs: [bothModes], problems: [] }),
        target: (_lab, _name, mode) => {
          if (mode === 'shared') throw new Error('no shared target');
          return new ScriptedTarget();
        },
      });
      expect(await runLabsTest([], all)).toBe(1);
      expect(lines).toContain('01-knoten-ansehen [shared]: could not run: no shared target\n');
      expect(lines.at(-1)).toBe('0 lab(s) passed, 1 lab(s) failed');
    });

    it('refuses a mode it does not know, and --mode without a value', async () => {
      const { all, lines } = modeDeps([bothModes]);
      expect(await runLabsTest(['--mode', 'kurs'], all)).toBe(2);
      expect(await runLabsTest(['--mode'], all)).toBe(2);
      expect(lines[0]).toMatch(/^--mode takes local, shared or all/);
    });
  });
});
