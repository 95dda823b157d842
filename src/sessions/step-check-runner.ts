import { Injectable, Logger } from '@nestjs/common';
import type { EnvironmentHandle } from '../clusters/environment-handle.js';
import { EnvironmentDriversService } from '../clusters/environment-drivers.service.js';
import { Clock } from '../common/adapters/clock.js';
import type { CheckResult } from '../grading/check-result.js';
import { kubeReaderOf } from '../kube/kube-reader.js';
import { StepGrader } from '../grading/step-grader.js';
import { stepStartedAt } from '../grading/step-start.js';
import { TranscriptReader } from '../grading/transcript-reader.repository.js';
import type { Lab, LoadedStep } from '../labs/lab.types.js';
import { LabSetupService } from './lab-setup.service.js';
import type { SessionRecord } from './session.types.js';
import { SessionsRepository } from './sessions.repository.js';

/** Who asked: the learner ("Prüfen") or the background check. */
export type CheckTrigger = 'learner' | 'auto';

export interface StepCheckOutcome {
  passed: boolean;
  checks: CheckResult[];
  /** Set when the attempt was stored: always for the learner, only a pass for the background check. */
  attemptId?: string;
}

/** A step whose `setup` has not run yet, because the step before it is not passed. */
export interface StepNotBegun {
  notBegun: LoadedStep;
  /** The step that must be passed first. */
  before: LoadedStep;
}

/**
 * Grades one step of a ready session against its environment and stores the attempt. One run per
 * session and step at a time: a second request while one runs gets `busy`. The attempt that
 * first passes a step begins the next one: that step's `setup` runs before the answer.
 */
@Injectable()
export class StepCheckRunner {
  private readonly running = new Set<string>();
  private readonly logger = new Logger(StepCheckRunner.name);

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly grader: StepGrader,
    private readonly drivers: EnvironmentDriversService,
    private readonly clock: Clock,
    private readonly transcripts: TranscriptReader,
    private readonly setup: LabSetupService,
  ) {}

  async run(
    session: SessionRecord,
    lab: Lab,
    step: LoadedStep,
    answers: Record<string, string>,
    trigger: CheckTrigger,
  ): Promise<StepCheckOutcome | StepNotBegun | 'busy'> {
    const cluster = session.cluster;
    if (!cluster) throw new Error(`session ${session.id} has no environment`);
    const before = stepBefore(lab, step);
    if (step.setupFiles.length > 0 && before && !isPassed(session, before)) {
      // What this step breaks is made when the step before is passed: graded earlier, it would
      // pass on an environment that was never broken.
      return { notBegun: step, before };
    }
    const key = `${session.id}/${step.id}`;
    if (this.running.has(key)) return 'busy';
    this.running.add(key);
    try {
      const started = performance.now();
      const handle = () =>
        this.drivers.for(lab.environment).handle(cluster.name, cluster.dockerEndpoint);
      const checks = await this.grader.grade({
        lab,
        step,
        answers,
        handle,
        kube: kubeReaderOf(handle),
        transcript: (since) => this.transcripts.commandsSince(session.id, since),
        stepStartedAt: stepStartedAt(
          lab.steps.map((s) => s.id),
          session.steps,
          step.id,
          session,
        ),
      });
      const passed = checks.every((c) => c.status === 'pass');
      if (trigger === 'auto' && !passed) return { passed, checks };
      const { attemptId, firstPass } = await this.sessions.recordAttempt({
        sessionId: session.id,
        stepId: step.id,
        passed,
        results: checks,
        durationMs: Math.round(performance.now() - started),
        at: this.clock.now(),
        trigger,
      });
      if (firstPass) await this.beginNext(session, lab, step, handle);
      return { passed, checks, attemptId };
    } finally {
      this.running.delete(key);
    }
  }

  /**
   * The step after `passed` begins: what its setup breaks is made now, so the learner finds it
   * when they open the step. A failure is logged; the pass the learner earned stands.
   */
  private async beginNext(
    session: SessionRecord,
    lab: Lab,
    passed: LoadedStep,
    handle: () => Promise<EnvironmentHandle>,
  ): Promise<void> {
    const next = lab.steps[lab.steps.findIndex((s) => s.id === passed.id) + 1];
    if (!next || next.setupFiles.length === 0) return;
    try {
      await this.setup.applyStepSetup(lab, await handle(), next);
    } catch (error) {
      this.logger.error(
        `Setup of step ${next.id} in session ${session.id} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

function stepBefore(lab: Lab, step: LoadedStep): LoadedStep | undefined {
  const index = lab.steps.findIndex((s) => s.id === step.id);
  return index > 0 ? lab.steps[index - 1] : undefined;
}

function isPassed(session: SessionRecord, step: LoadedStep): boolean {
  return session.steps.some((s) => s.stepId === step.id && s.passedAt !== null);
}
