import path from 'node:path';
import { ALL_CHECKS } from '../../../src/grading/grading.module.js';
import type { CheckResult } from '../../../src/grading/check-result.js';
import { matchingHints } from '../../../src/grading/hint-matcher.js';
import { StepGraderService } from '../../../src/grading/step-grader.service.js';
import type { TranscriptCommand } from '../../../src/grading/transcript-reader.repository.js';
import { loadLabs } from '../../../src/labs/lab-loader.js';
import type { Lab, LoadedStep } from '../../../src/labs/lab.types.js';
import { referenceAnswers } from '../../../src/lab-tools/reference-answers.js';
import { SimClusterHandle } from './sim-handle.js';
import { OFFLINE_KINDS, SimLabTarget } from './sim-lab-target.js';

/** What a learner typed in the terminal: the command, and what it printed and returned. */
export interface TypedCommand {
  command: string;
  output?: string;
  exitCode?: number;
}

export interface GradeOptions {
  /** Check ids; all offline and transcript checks of the step when left out. */
  checks?: string[];
  commands?: TypedCommand[];
  /** Typed answers; the reference answers when left out. */
  answers?: Record<string, string>;
}

const { labs } = loadLabs(path.resolve('labs'));

/**
 * A shipped lab walked on SimCluster up to one step, as a learner who solved the earlier steps
 * with the reference solutions (each step's setup made when it began, the step's own too): the
 * step's own work is left to the test, which then grades the step's checks against what it
 * did. Transcript checks read the commands the test typed.
 */
export class SimLabWalk {
  private constructor(
    readonly target: SimLabTarget,
    readonly lab: Lab,
    readonly step: LoadedStep,
  ) {}

  static async at(labId: string, stepId: string): Promise<SimLabWalk> {
    const lab = labs.find((l) => l.id === labId);
    const index = lab?.steps.findIndex((s) => s.id === stepId) ?? -1;
    const step = lab?.steps[index];
    if (!lab || !step) throw new Error(`no step ${stepId} in lab ${labId}`);
    const target = new SimLabTarget();
    await target.setup(lab);
    for (const earlier of lab.steps.slice(0, index)) {
      await target.setupStep(lab, earlier);
      await target.applySolution(lab, earlier);
    }
    await target.setupStep(lab, step);
    return new SimLabWalk(target, lab, step);
  }

  /** Applies manifests as `kubectl apply -f -` would. */
  apply(yaml: string): this {
    this.target.cluster.applyYaml(yaml);
    return this;
  }

  /** Applies this step's reference solution. */
  async solve(): Promise<this> {
    await this.target.applySolution(this.lab, this.step);
    return this;
  }

  /**
   * The status of each named check (all offline and transcript checks of the step when none are
   * named); answer checks get the reference answers unless `answers` says otherwise.
   */
  async grade(options: GradeOptions = {}): Promise<Record<string, CheckResult['status']>> {
    const results = await this.results(options);
    return Object.fromEntries(results.map((r) => [r.id, r.status]));
  }

  /** The conditional hints the step shows after grading as `grade` does. */
  async hints(options: GradeOptions = {}): Promise<string[]> {
    return matchingHints(this.step.hints, await this.results(options));
  }

  private async results(options: GradeOptions): Promise<CheckResult[]> {
    const gradable = (kind: string) => OFFLINE_KINDS.has(kind) || kind === 'transcript';
    const checks = this.step.checks.filter((c) =>
      options.checks ? options.checks.includes(c.id) : gradable(c.kind),
    );
    const kube = this.target.cluster.kube();
    const transcript: TranscriptCommand[] = (options.commands ?? []).map((c, i) => ({
      terminal: 't1',
      command: c.command,
      output: c.output ?? '',
      exitCode: c.exitCode ?? 0,
      startedAt: new Date(1000 + i),
    }));
    return new StepGraderService(ALL_CHECKS()).grade({
      lab: this.lab,
      step: { ...this.step, checks },
      answers: options.answers ?? (await referenceAnswers(this.step, kube)),
      handle: () => Promise.resolve(new SimClusterHandle(this.target.cluster)),
      kube: () => Promise.resolve(kube),
      transcript: () => Promise.resolve(transcript),
      stepStartedAt: new Date(0),
    });
  }
}
