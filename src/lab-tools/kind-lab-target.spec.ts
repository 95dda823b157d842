import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../test/support/temp-dir.js';
import type { EnvironmentCreateSpec, EnvironmentDriver } from '../clusters/environment-driver.js';
import type {
  EnvironmentHandle,
  ExecOptions,
  ToolboxAccess,
} from '../clusters/environment-handle.js';
import { AppConfigService } from '../config/app-config.js';
import { parseConfig } from '../config/config.schema.js';
import type { CheckResult } from '../grading/check-result.js';
import type { KubeObject, KubeReader } from '../kube/kube-reader.js';
import { StepGrader, type GradeInput } from '../grading/step-grader.js';
import { LabSetupService } from '../sessions/lab-setup.service.js';
import type { KubeClients } from '../kube/kube-clients.js';
import { loadLab } from '../labs/lab-loader.js';
import type { Lab } from '../labs/lab.types.js';
import { accessSchema } from '../labs/schema/access.schema.js';
import { LearnerAccessService } from '../sessions/access/learner-access.service.js';
import { KindLabTarget, kindLabTarget } from './kind-lab-target.js';

const SAMPLE = path.resolve('test/fixtures/labs-kind/01-erste-schritte-im-cluster');

/** The sample kind lab with solution scripts that run anywhere (`echo` instead of kubectl). */
function sampleLab(dir: string, knotenScript: string): Lab {
  fs.cpSync(SAMPLE, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'solutions/01-knoten.sh'), knotenScript);
  const loaded = loadLab(dir);
  if (!('lab' in loaded)) throw new Error(JSON.stringify(loaded.problems));
  return loaded.lab;
}

/** Runs `argv` in this machine's bash (or whatever argv[0] is). */
function spawnHere(argv: string[], options?: ExecOptions) {
  const result = spawnSync(argv[0] ?? '', argv.slice(1), {
    input: options?.stdin?.toString() ?? '',
    encoding: 'utf8',
  });
  return Promise.resolve({
    exitCode: result.status ?? 1,
    stdout: result.stdout,
    stderr: result.stderr,
    timedOut: false,
  });
}

/** A cluster whose control-plane runs scripts in this machine's bash; the API accepts all. */
function fakes() {
  const applied: string[] = [];
  const created: EnvironmentCreateSpec[] = [];
  const destroyed: string[] = [];
  const handle: EnvironmentHandle = {
    name: 'kl-labtest-abc123',
    kubeConfig: () => Promise.resolve('apiVersion: v1\nkind: Config'),
    nodes: () => Promise.resolve([]),
    execInNode: (_node: string, argv: string[], options?: ExecOptions) => spawnHere(argv, options),
    execInPod: () => Promise.reject(new Error('no pods')),
    openShell: () => Promise.reject(new Error('no shells')),
    unprivilegedShellNode: null,
  };
  const driver = {
    type: 'kind',
    create: (spec: EnvironmentCreateSpec) => {
      created.push(spec);
      return Promise.resolve(handle);
    },
    destroy: (name: string) => {
      destroyed.push(name);
      return Promise.resolve();
    },
  } as unknown as EnvironmentDriver;
  const reader: KubeReader = {
    get: () =>
      Promise.resolve({
        status: { conditions: [{ type: 'Ready', status: 'True' }] },
      } as KubeObject),
    list: () => Promise.resolve([]),
  };
  const kube = {
    applier: () => ({
      apply: (object: KubeObject) => {
        applied.push(`${String(object.kind)}/${(object.metadata as { name: string }).name}`);
        return Promise.resolve();
      },
    }),
    reader: () => reader,
  } as unknown as KubeClients;
  return { applied, created, destroyed, driver, kube, reader, handle };
}

/** Records what it was given and passes every check. */
class RecordingGrader extends StepGrader {
  readonly inputs: { input: GradeInput; transcript: string[] }[] = [];
  async grade(input: GradeInput): Promise<CheckResult[]> {
    const transcript = (await input.transcript(new Date(0))).map(
      (c) => `${c.command} → ${String(c.exitCode)}: ${c.output.trim()}`,
    );
    this.inputs.push({ input, transcript });
    return input.step.checks.map((c) => ({
      id: c.id,
      kind: c.kind,
      status: 'pass' as const,
      message: '',
      durationMs: 0,
    }));
  }
}

/** What every target here is made of besides the mode's own parts: one cluster, named alike. */
function targetDeps(
  driver: EnvironmentDriver,
  kube: KubeClients,
  grader: RecordingGrader,
  config: AppConfigService,
  log: (line: string) => void = () => undefined,
) {
  return {
    driver,
    setup: new LabSetupService(kube, config),
    grader,
    kube,
    dockerEndpoint: 'unix:///var/run/docker.sock',
    name: 'kl-labtest-abc123',
    kubeconfigPath: '/data/clusters/kl-labtest-abc123.kubeconfig',
    log,
  };
}

describe(KindLabTarget.name, () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const config = new AppConfigService(parseConfig({ KUBELAB_SETUP_TIMEOUT_SECONDS: '5' }));

  function target(lab: Lab) {
    const f = fakes();
    const grader = new RecordingGrader();
    const log: string[] = [];
    const t = new KindLabTarget(
      targetDeps(f.driver, f.kube, grader, config, (line) => log.push(line)),
    );
    return { t, f, grader, log, lab };
  }

  it('makes the cluster from the lab’s cluster block and applies the setup', async () => {
    const { t, f, lab } = target(sampleLab(path.join(tmp.dir, 'a'), 'echo ok\n'));
    await t.setup(lab);
    expect(f.created).toEqual([
      {
        name: 'kl-labtest-abc123',
        cluster: lab.cluster,
        dockerEndpoint: 'unix:///var/run/docker.sock',
      },
    ]);
    expect(f.applied).toEqual(['Namespace/lab', 'Pod/probe']);
  });

  it('runs a solution script with the admin kubeconfig and records each command as the terminal would', async () => {
    const { t, grader, lab } = target(
      sampleLab(
        path.join(tmp.dir, 'b'),
        '#!/usr/bin/env bash\nset -euo pipefail\necho "$KUBECONFIG"\nprintf "kl-x-worker   10.244.1.0/24\\n"\n',
      ),
    );
    await t.setup(lab);
    const step = lab.steps[0];
    const transcript = await t.applySolution(lab, step);
    const stepStartedAt = t.now();
    await t.grade(lab, step, { 'anzahl-knoten': '3' }, transcript, stepStartedAt);
    expect(grader.inputs[0]?.transcript).toEqual([
      'set -euo pipefail → 0: ',
      'echo "$KUBECONFIG" → 0: /etc/kubernetes/admin.conf',
      'printf "kl-x-worker   10.244.1.0/24\\n" → 0: kl-x-worker   10.244.1.0/24',
    ]);
    expect(grader.inputs[0]?.input.answers).toEqual({ 'anzahl-knoten': '3' });
    expect(grader.inputs[0]?.input.stepStartedAt).toBe(stepStartedAt);
  });

  it('gives the fixed-value answers as reference answers', async () => {
    const { t, lab } = target(sampleLab(path.join(tmp.dir, 'c'), 'echo ok\n'));
    await t.setup(lab);
    const answers = await t.referenceAnswers(lab, lab.steps[0]);
    expect(answers['anzahl-knoten']).toBe('3');
  });

  it('stops with the script’s name and output when a solution fails', async () => {
    const { t, lab } = target(
      sampleLab(path.join(tmp.dir, 'd'), 'set -e\necho vorher\nfalse\necho nie\n'),
    );
    await t.setup(lab);
    await expect(t.applySolution(lab, lab.steps[0])).rejects.toThrow(
      /solutions\/01-knoten\.sh exited 1: [\s\S]*vorher/,
    );
  });

  it('deletes the cluster, or keeps it and says how to reach and remove it', async () => {
    const a = target(sampleLab(path.join(tmp.dir, 'e'), 'echo ok\n'));
    await a.t.cleanup(false);
    expect(a.f.destroyed).toEqual(['kl-labtest-abc123']);
    const b = target(sampleLab(path.join(tmp.dir, 'f'), 'echo ok\n'));
    await b.t.cleanup(true);
    expect(b.f.destroyed).toEqual([]);
    expect(b.log.at(-1)).toContain('KUBECONFIG=/data/clusters/kl-labtest-abc123.kubeconfig');
  });
});

describe(`${kindLabTarget.name} in shared mode`, () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const config = new AppConfigService(parseConfig({ KUBELAB_SETUP_TIMEOUT_SECONDS: '5' }));
  const ADMIN = 'clusters:\n- cluster: { certificate-authority-data: Q0E= }\n  name: kind\n';

  /** The fake cluster with a toolbox that runs bash here and records everything else. */
  function sharedTarget(withToolbox = true) {
    const f = fakes();
    const inNodes: string[][] = [];
    const inToolbox: { argv: string[]; stdin: string }[] = [];
    const written = new Map<string, string>();
    const toolbox: ToolboxAccess = {
      container: 'kl-labtest-abc123-toolbox',
      exec: (argv, options) => {
        inToolbox.push({ argv, stdin: options?.stdin?.toString() ?? '' });
        return argv[0] === 'bash'
          ? spawnHere(argv, options)
          : Promise.resolve({ exitCode: 0, stdout: '', stderr: '', timedOut: false });
      },
      writeFile: (file, content) => {
        written.set(file, content);
        return Promise.resolve();
      },
      serverUrl: (port) => Promise.resolve(`http://172.18.0.1:${port}`),
    };
    const handle: EnvironmentHandle = {
      ...f.handle,
      kubeConfig: () => Promise.resolve(ADMIN),
      execInNode: (node, argv, options) => {
        inNodes.push(argv);
        return f.handle.execInNode(node, argv, options);
      },
      ...(withToolbox ? { toolbox } : {}),
    };
    const reader: KubeReader = {
      ...f.reader,
      get: (ref) =>
        ref.kind === 'Secret'
          ? Promise.resolve({ data: { token: Buffer.from('lern-token').toString('base64') } })
          : f.reader.get(ref),
    };
    const kube = { applier: f.kube.applier, reader: () => reader } as unknown as KubeClients;
    const driver = { ...f.driver, create: () => Promise.resolve(handle) } as EnvironmentDriver;
    const grader = new RecordingGrader();
    const t = kindLabTarget('shared', {
      ...targetDeps(driver, kube, grader, config),
      access: new LearnerAccessService(kube, config),
      knoten: () => Promise.resolve({ token: 'knoten-token', port: 3100 }),
    });
    return { t, f, grader, inNodes, inToolbox, written };
  }

  function sharedLab(dir: string, script: string): Lab {
    const lab = sampleLab(path.join(tmp.dir, dir), script);
    return { ...lab, access: accessSchema.parse({ namespaces: ['lab'] }) };
  }

  it('installs the learner’s access after the setup and writes the toolbox’s files', async () => {
    const { t, f, written } = sharedTarget();
    const lab = sharedLab('a', 'echo ok\n');
    await t.setup(lab);
    expect(f.applied.slice(0, 2)).toEqual(['Namespace/lab', 'Pod/probe']);
    expect(f.applied.slice(2)).toEqual([
      'Namespace/kubelab-learner',
      'ServiceAccount/lernender',
      'Secret/lernender-token',
      'Namespace/lab',
      'Role/kubelab-lernender',
      'RoleBinding/kubelab-lernender',
    ]);
    expect([...written.keys()]).toEqual([
      '/home/lernender/.kube/config',
      '/run/kubelab/knoten-url',
      '/run/kubelab/knoten-token',
    ]);
    expect(written.get('/home/lernender/.kube/config')).toContain(
      'server: https://kl-labtest-abc123-control-plane:6443',
    );
    expect(written.get('/home/lernender/.kube/config')).toContain('token: lern-token');
    expect(written.get('/run/kubelab/knoten-url')).toBe('http://172.18.0.1:3100');
    expect(written.get('/run/kubelab/knoten-token')).toBe('knoten-token');
  });

  it('runs solution scripts in the toolbox as the learner, never in a node', async () => {
    const { t, grader, inNodes, inToolbox } = sharedTarget();
    const lab = sharedLab('b', 'echo "$KUBECONFIG"\n');
    await t.setup(lab);
    const step = lab.steps[0];
    const transcript = await t.applySolution(lab, step);
    await t.grade(lab, step, {}, transcript, t.now());
    expect(inNodes).toEqual([]);
    expect(inToolbox.map((run) => run.argv)).toEqual([['bash', '-s']]);
    expect(inToolbox[0]?.stdin).not.toContain('admin.conf');
    expect(grader.inputs[0]?.transcript).toEqual([
      'echo "$KUBECONFIG" → 0: /home/lernender/.kube/config',
    ]);
  });

  it('applies solution manifests with the learner’s kubectl in the toolbox', async () => {
    const { t, f, inToolbox } = sharedTarget();
    const lab = sharedLab('c', 'echo ok\n');
    await t.setup(lab);
    const applied = f.applied.length;
    const manifest = 'apiVersion: v1\nkind: Pod\nmetadata: { name: web, namespace: lab }\n';
    const step = {
      ...lab.steps[0],
      solutions: [{ file: 'solutions/01-web.yaml', type: 'manifest' as const, text: manifest }],
    };
    await t.applySolution(lab, step);
    expect(inToolbox).toEqual([{ argv: ['kubectl', 'apply', '-f', '-'], stdin: manifest }]);
    expect(f.applied.length).toBe(applied);
  });

  it('refuses a cluster without a toolbox', async () => {
    const { t } = sharedTarget(false);
    await expect(t.setup(sharedLab('d', 'echo ok\n'))).rejects.toThrow(/has no toolbox/);
  });
});

describe(`${kindLabTarget.name} in local mode`, () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('runs `knoten <node> <cmd>` as the command itself in the control-plane node', async () => {
    const f = fakes();
    const config = new AppConfigService(parseConfig({ KUBELAB_SETUP_TIMEOUT_SECONDS: '5' }));
    const grader = new RecordingGrader();
    const t = kindLabTarget('local', targetDeps(f.driver, f.kube, grader, config));
    const lab = sampleLab(path.join(tmp.dir, 'a'), 'knoten kl-x-worker echo hallo\n');
    await t.setup(lab);
    const transcript = await t.applySolution(lab, lab.steps[0]);
    await t.grade(lab, lab.steps[0], {}, transcript, t.now());
    expect(grader.inputs[0]?.transcript).toEqual(['knoten kl-x-worker echo hallo → 0: hallo']);
  });
});
