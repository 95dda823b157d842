import type { EnvironmentDriver } from '../clusters/environment-driver.js';
import type { EnvironmentHandle } from '../clusters/environment-handle.js';
import type { CheckResult } from '../grading/check-result.js';
import type { KubeReader } from '../kube/kube-reader.js';
import type { StepGrader } from '../grading/step-grader.js';
import type { TranscriptCommand } from '../grading/transcript-reader.repository.js';
import {
  KIND_PREAMBLE,
  SCRIPT_TIMEOUT_MS,
  type LabSetupService,
} from '../sessions/lab-setup.service.js';
import type { KubeClients } from '../kube/kube-clients.js';
import type { Lab, LoadedStep, SolutionFile } from '../labs/lab.types.js';
import type { LabMode } from '../labs/modes/lab-mode.js';
import type {
  KnotenCredentials,
  LearnerAccessService,
} from '../sessions/access/learner-access.service.js';
import { LEARNER_KUBECONFIG } from '../sessions/access/learner-access.service.js';
import { manifestObjects } from '../sessions/setup/manifests.js';
import type { LabTestTarget } from './lab-test-runner.js';
import { referenceAnswers } from './reference-answers.js';
import { traceScript } from './traced-script.js';

/** Solutions in the toolbox: the learner's kubeconfig, and the real `knoten`. */
const TOOLBOX_PREAMBLE = `export KUBECONFIG=${LEARNER_KUBECONFIG}\n`;

export interface KindLabTargetDeps {
  /** Makes the cluster as KUBELAB_MODE says: in shared mode with the learner's toolbox. */
  driver: EnvironmentDriver;
  setup: LabSetupService;
  grader: StepGrader;
  kube: KubeClients;
  dockerEndpoint: string;
  /** `kl-…`: the cluster made for this lab test. */
  name: string;
  /** Where the driver keeps the cluster's kubeconfig, for `--keep`. */
  kubeconfigPath: string;
  log: (line: string) => void;
  /** Shared mode only: installs the learner's rights and kubeconfig in the toolbox. */
  access?: LearnerAccessService;
  /** Shared mode only: credentials for `knoten` in the toolbox; without them it is not set up. */
  knoten?: (handle: EnvironmentHandle) => Promise<KnotenCredentials>;
}

/**
 * A lab test in `mode`: local runs solution scripts in the control-plane node with the admin
 * kubeconfig; shared runs them, and applies solution manifests, in the toolbox as the learner,
 * which proves the learner's rights suffice. Grading uses kubelab's admin credentials in both.
 */
export function kindLabTarget(mode: LabMode, deps: KindLabTargetDeps): KindLabTarget {
  return new KindLabTarget(deps, mode);
}

/** A lab test on a real kind cluster, made and set up exactly as for a learner's session. */
export class KindLabTarget implements LabTestTarget {
  private handle?: EnvironmentHandle;
  private reader?: KubeReader;

  constructor(
    private readonly deps: KindLabTargetDeps,
    private readonly mode: LabMode = 'local',
  ) {}

  async setup(lab: Lab): Promise<void> {
    const { driver, name, dockerEndpoint, log } = this.deps;
    log(`${lab.id}: creating cluster ${name} …`);
    this.handle = await driver.create({ name, cluster: lab.cluster, dockerEndpoint }, (p) =>
      log(`${lab.id}: ${p.step}/${p.of} ${p.stage}`),
    );
    this.reader = this.deps.kube.reader(await this.handle.kubeConfig());
    log(`${lab.id}: applying setup …`);
    await this.deps.setup.apply(lab, this.handle);
    if (this.mode === 'shared') await this.installAccess(lab, this.handle);
  }

  private async installAccess(lab: Lab, handle: EnvironmentHandle): Promise<void> {
    const { access, knoten, log } = this.deps;
    if (!handle.toolbox) throw new Error(`${handle.name} has no toolbox: is KUBELAB_MODE=shared?`);
    if (!access) throw new Error('shared mode needs the learner access service');
    log(`${lab.id}: installing the learner's access in ${handle.toolbox.container} …`);
    if (!knoten) log(`${lab.id}: knoten is not set up in the toolbox`);
    await access.install(lab, handle, await knoten?.(handle));
  }

  async setupStep(lab: Lab, step: LoadedStep): Promise<void> {
    this.deps.log(`${lab.id}: step ${step.id} begins (setup) …`);
    await this.deps.setup.applyStepSetup(lab, this.cluster(), step);
  }

  async applySolution(lab: Lab, step: LoadedStep): Promise<TranscriptCommand[]> {
    const handle = this.cluster();
    const transcript: TranscriptCommand[] = [];
    for (const solution of step.solutions) {
      if (solution.type === 'manifest') {
        await this.applyManifest(lab, step, solution);
        continue;
      }
      const traced = traceScript(
        solution.text,
        this.mode === 'shared' ? TOOLBOX_PREAMBLE : KIND_PREAMBLE,
      );
      const startedAt = new Date();
      const result = await this.runScript(handle, traced.script);
      if (result.exitCode !== 0 || result.timedOut) {
        throw new Error(
          `${solution.file} exited ${result.exitCode}${result.timedOut ? ' (timeout)' : ''}: ${result.stdout.slice(-1500)}`,
        );
      }
      transcript.push(...traced.read(result.stdout, startedAt));
    }
    return transcript;
  }

  private runScript(handle: EnvironmentHandle, script: string) {
    const options = { stdin: script, timeoutMs: SCRIPT_TIMEOUT_MS };
    return this.mode === 'shared'
      ? this.toolbox(handle).exec(['bash', '-s'], options)
      : handle.execInNode('control-plane', ['bash', '-s'], options);
  }

  /** Local: through the API as the admin; shared: `kubectl apply` in the toolbox as the learner. */
  private async applyManifest(lab: Lab, step: LoadedStep, solution: SolutionFile): Promise<void> {
    const handle = this.cluster();
    if (this.mode === 'local') {
      await this.deps.setup.applySolution(lab, handle, { ...step, solutions: [solution] });
      return;
    }
    const result = await this.toolbox(handle).exec(['kubectl', 'apply', '-f', '-'], {
      stdin: solution.text,
      timeoutMs: SCRIPT_TIMEOUT_MS,
    });
    if (result.exitCode !== 0 || result.timedOut) {
      throw new Error(
        `${solution.file}: the learner's kubectl apply exited ${result.exitCode}${result.timedOut ? ' (timeout)' : ''}: ${result.stderr.slice(-1500)}`,
      );
    }
    await this.deps.setup.awaitReady(lab, handle, manifestObjects(solution.text));
  }

  private toolbox(handle: EnvironmentHandle) {
    if (!handle.toolbox) throw new Error(`${handle.name} has no toolbox`);
    return handle.toolbox;
  }

  referenceAnswers(_lab: Lab, step: LoadedStep): Promise<Record<string, string>> {
    return referenceAnswers(step, this.api());
  }

  /** kind's API server runs on this host, with this host's clock. */
  now(): Date {
    return new Date();
  }

  grade(
    lab: Lab,
    step: LoadedStep,
    answers: Record<string, string>,
    transcript: TranscriptCommand[],
    stepStartedAt: Date,
  ): Promise<CheckResult[]> {
    const handle = this.cluster();
    const reader = this.api();
    return this.deps.grader.grade({
      lab,
      step,
      answers,
      handle: () => Promise.resolve(handle),
      kube: () => Promise.resolve(reader),
      transcript: () => Promise.resolve(transcript),
      stepStartedAt,
    });
  }

  /** Deletes the cluster (idempotent), unless the instructor wants to look at it. */
  async cleanup(keep: boolean): Promise<void> {
    const { driver, name, dockerEndpoint, log } = this.deps;
    if (keep) {
      log(
        `kept cluster ${name} (KUBECONFIG=${this.deps.kubeconfigPath}); the next start of the kubelab server deletes it, or now: kind delete cluster --name ${name} && docker network rm ${name}`,
      );
      return;
    }
    await driver.destroy(name, dockerEndpoint);
  }

  private cluster(): EnvironmentHandle {
    if (!this.handle) throw new Error('setup() has not run');
    return this.handle;
  }

  private api(): KubeReader {
    if (!this.reader) throw new Error('setup() has not run');
    return this.reader;
  }
}
