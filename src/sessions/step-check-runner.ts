import { Injectable } from '@nestjs/common';
import { ClusterDriversService } from '../clusters/cluster-drivers.service.js';
import { Clock } from '../common/adapters/clock.js';
import type { CheckResult } from '../grading/check-result.js';
import { kubeReaderOf } from '../kube/kube-reader.js';
import { StepGrader } from '../grading/step-grader.js';
import { stepStartedAt } from '../grading/step-start.js';
import { TranscriptReader } from '../grading/transcript-reader.repository.js';
import type { Lab, LoadedStep } from '../labs/lab.types.js';
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

/**
 * Grades one step of a ready session against its environment and stores the attempt. One run per
 * session and step at a time: a second request while one runs gets `busy`.
 */
@Injectable()
export class StepCheckRunner {
  private readonly running = new Set<string>();

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly grader: StepGrader,
    private readonly drivers: ClusterDriversService,
    private readonly clock: Clock,
    private readonly transcripts: TranscriptReader,
  ) {}

  async run(
    session: SessionRecord,
    lab: Lab,
    step: LoadedStep,
    answers: Record<string, string>,
    trigger: CheckTrigger,
  ): Promise<StepCheckOutcome | 'busy'> {
    const cluster = session.cluster;
    if (!cluster) throw new Error(`session ${session.id} has no environment`);
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
      const attemptId = await this.sessions.recordAttempt({
        sessionId: session.id,
        stepId: step.id,
        passed,
        results: checks,
        durationMs: Math.round(performance.now() - started),
        at: this.clock.now(),
        trigger,
      });
      return { passed, checks, attemptId };
    } finally {
      this.running.delete(key);
    }
  }
}
