import { ALL_CHECKS } from '../../../src/grading/grading.module.js';
import { StepGraderService } from '../../../src/grading/step-grader.service.js';
import type { CheckResult } from '../../../src/grading/check-result.js';
import type { TranscriptCommand } from '../../../src/grading/transcript-reader.repository.js';
import type { Lab, LoadedStep } from '../../../src/labs/lab.types.js';
import type { LabTestTarget } from '../../../src/lab-tools/lab-test-runner.js';
import { referenceAnswers } from '../../../src/lab-tools/reference-answers.js';
import { setupObjects } from '../../../src/sessions/setup/manifests.js';
import { SimCluster } from './sim-cluster.js';
import { SimClusterHandle } from './sim-handle.js';

/**
 * Check kinds the simulator can answer: those that read API objects, probes between pods
 * (`/agnhost connect`) and A queries (`dig`), both answered by SimNetwork. Node facts, source
 * addresses and transcripts need a real cluster (`npm run labs:test`).
 */
export const OFFLINE_KINDS = new Set([
  'resource',
  'answer',
  'policy',
  'connectivity',
  'reachability',
  'dns',
]);
/** Of those, the kinds that must each fail before their step's solution. */
export const STATE_KINDS = new Set(['resource', 'answer', 'policy']);

/** Runs a lab test against `SimCluster`: what the API would hold after setup and each solution. */
export class SimLabTarget implements LabTestTarget {
  readonly cluster = new SimCluster();
  private readonly grader = new StepGraderService(ALL_CHECKS());

  setup(lab: Lab): Promise<void> {
    for (const object of setupObjects(lab)) this.cluster.apply(object);
    return Promise.resolve();
  }

  setupStep(_lab: Lab, step: LoadedStep): Promise<void> {
    this.run(step.setupFiles);
    return Promise.resolve();
  }

  applySolution(_lab: Lab, step: LoadedStep): Promise<TranscriptCommand[]> {
    this.run(step.solutions);
    return Promise.resolve([]);
  }

  private run(files: LoadedStep['solutions']): void {
    for (const file of files) {
      try {
        if (file.type === 'manifest') this.cluster.applyYaml(file.text);
        else this.cluster.runScript(file.text);
      } catch (error) {
        throw new Error(`${file.file}: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
    }
  }

  referenceAnswers(_lab: Lab, step: LoadedStep): Promise<Record<string, string>> {
    return referenceAnswers(step, this.cluster.kube());
  }

  now(): Date {
    return this.cluster.now();
  }

  grade(
    lab: Lab,
    step: LoadedStep,
    answers: Record<string, string>,
    transcript: TranscriptCommand[],
    stepStartedAt: Date,
  ): Promise<CheckResult[]> {
    const kube = this.cluster.kube();
    return this.grader.grade({
      lab,
      step: { ...step, checks: step.checks.filter((c) => OFFLINE_KINDS.has(c.kind)) },
      answers,
      handle: () => Promise.resolve(new SimClusterHandle(this.cluster)),
      kube: () => Promise.resolve(kube),
      transcript: () => Promise.resolve(transcript),
      stepStartedAt,
    });
  }
}
