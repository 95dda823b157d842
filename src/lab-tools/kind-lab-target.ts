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
import type { Lab, LoadedStep } from '../labs/lab.types.js';
import type { LabTestTarget } from './lab-test-runner.js';
import { referenceAnswers } from './reference-answers.js';
import { traceScript } from './traced-script.js';

export interface KindLabTargetDeps {
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
}

/** A lab test on a real kind cluster, made and set up exactly as for a learner's session. */
export class KindLabTarget implements LabTestTarget {
  private handle?: EnvironmentHandle;
  private reader?: KubeReader;

  constructor(private readonly deps: KindLabTargetDeps) {}

  async setup(lab: Lab): Promise<void> {
    const { driver, name, dockerEndpoint, log } = this.deps;
    log(`${lab.id}: creating cluster ${name} …`);
    this.handle = await driver.create({ name, cluster: lab.cluster, dockerEndpoint }, (p) =>
      log(`${lab.id}: ${p.step}/${p.of} ${p.stage}`),
    );
    this.reader = this.deps.kube.reader(await this.handle.kubeConfig());
    log(`${lab.id}: applying setup …`);
    await this.deps.setup.apply(lab, this.handle);
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
        await this.deps.setup.applySolution(lab, handle, { ...step, solutions: [solution] });
        continue;
      }
      const traced = traceScript(solution.text, KIND_PREAMBLE);
      const startedAt = new Date();
      const result = await handle.execInNode('control-plane', ['bash', '-s'], {
        stdin: traced.script,
        timeoutMs: SCRIPT_TIMEOUT_MS,
      });
      if (result.exitCode !== 0 || result.timedOut) {
        throw new Error(
          `${solution.file} exited ${result.exitCode}${result.timedOut ? ' (timeout)' : ''}: ${result.stdout.slice(-1500)}`,
        );
      }
      transcript.push(...traced.read(result.stdout, startedAt));
    }
    return transcript;
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
