import { Inject, Injectable, Logger } from '@nestjs/common';
import { Observable, filter, finalize, share } from 'rxjs';
import { EnvironmentDriversService } from '../../clusters/environment-drivers.service.js';
import { EnvironmentHooks } from '../../clusters/environment-hooks.js';
import { Clock } from '../../common/adapters/clock.js';
import { SessionActivity } from '../../common/session-activity.js';
import { isUsable } from '../../common/session-usable.js';
import type { Lab, LoadedStep } from '../../labs/lab.types.js';
import { LabsService } from '../../labs/labs.service.js';
import type { StepPassedEvent } from '../../contract/session.views.js';
import { toSessionView } from '../session.mapper.js';
import { LIVE_STATUSES, type SessionRecord } from '../session.types.js';
import { SessionsRepository } from '../sessions.repository.js';
import { StepCheckRunner } from '../step-check-runner.js';
import { CoalescingTrigger } from './coalescing-trigger.js';
import { KubeWatcher, type StopWatching } from '../../kube/kube-watcher.js';
import { autoCheckable, watchedPaths } from './watched-paths.js';

/** Quiet time after the last change before checking: a `kubectl apply` of three objects is one change. */
export const AUTO_CHECK_DELAY_MS = Symbol('AUTO_CHECK_DELAY_MS');

export interface AutoCheckEvent {
  data: StepPassedEvent;
}

/**
 * The optional background check of labs with `autoCheck: true` (issue #5): while a learner's
 * page follows the session, its current step is graded again whenever something it reads may
 * have changed — a Kubernetes watch event on those kinds, or a command that finished in one of
 * the session's terminals — never on a timer. A passed step is stored (trigger `auto`) and
 * pushed to the page; failed background runs are not stored. Steps that ask for typed answers
 * wait for "Prüfen". The stream ends when the session ends (before its environment goes, or
 * when a run finds it ended) or when its lab has no `autoCheck`.
 */
@Injectable()
export class AutoCheckService {
  private readonly logger = new Logger(AutoCheckService.name);
  private readonly streams = new Map<string, Observable<AutoCheckEvent>>();
  /** Ends the followed session's stream, for everyone following it. */
  private readonly enders = new Map<string, () => void>();

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly labs: LabsService,
    private readonly runner: StepCheckRunner,
    private readonly activity: SessionActivity,
    private readonly watcher: KubeWatcher,
    private readonly drivers: EnvironmentDriversService,
    @Inject(AUTO_CHECK_DELAY_MS) private readonly delayMs: number,
    hooks: EnvironmentHooks,
    private readonly clock: Clock,
  ) {
    hooks.onBeforeRelease((sessionId) => {
      this.enders.get(sessionId)?.();
      return Promise.resolve();
    });
  }

  /** One background check per session, however many pages follow it. */
  events(sessionId: string): Observable<AutoCheckEvent> {
    let stream = this.streams.get(sessionId);
    if (!stream) {
      stream = this.follow(sessionId).pipe(
        finalize(() => this.streams.delete(sessionId)),
        share(),
      );
      this.streams.set(sessionId, stream);
    }
    return stream;
  }

  private follow(sessionId: string): Observable<AutoCheckEvent> {
    return new Observable<AutoCheckEvent>((subscriber) => {
      let stopWatching: StopWatching | undefined;
      let closed = false;
      const trigger = new CoalescingTrigger(async () => {
        const event = await this.checkOnce(sessionId).catch((error: unknown) => {
          this.logger.warn(`Background check of ${sessionId} failed: ${String(error)}`);
          return undefined;
        });
        if (event === 'ended') return subscriber.complete();
        if (event && !closed) {
          subscriber.next(event);
          trigger.trigger(); // the next step may be done already
        }
      }, this.delayMs);
      const commands = this.activity.commandsFinished
        .pipe(filter((id) => id === sessionId))
        .subscribe(() => trigger.trigger());
      void this.startWatching(sessionId, () => trigger.trigger()).then((stop) => {
        if (closed) stop?.();
        else stopWatching = stop;
      });
      const end = () => subscriber.complete();
      this.enders.set(sessionId, end);
      trigger.trigger(); // what is already done when the page opens
      return () => {
        closed = true;
        if (this.enders.get(sessionId) === end) this.enders.delete(sessionId);
        trigger.stop();
        commands.unsubscribe();
        stopWatching?.();
      };
    });
  }

  private async startWatching(
    sessionId: string,
    onChange: () => void,
  ): Promise<StopWatching | undefined> {
    try {
      const live = await this.liveSession(sessionId);
      if (!live || live.lab.environment !== 'kind' || !live.session.cluster) return undefined;
      const paths = watchedPaths(open(live.lab, live.session));
      if (paths.length === 0) return undefined;
      const { name, dockerEndpoint } = live.session.cluster;
      const handle = await this.drivers.for('kind').handle(name, dockerEndpoint);
      return this.watcher.watch(await handle.kubeConfig(), paths, onChange);
    } catch (error) {
      this.logger.warn(`No watch for ${sessionId}: ${String(error)}`);
      return undefined;
    }
  }

  /**
   * Grades the step the learner is on, if the background check may decide it; `ended` when
   * there is nothing to follow any more.
   */
  private async checkOnce(sessionId: string): Promise<AutoCheckEvent | 'ended' | undefined> {
    const session = await this.sessions.findById(sessionId);
    const lab = session && this.labs.find(session.labId);
    if (!session || !LIVE_STATUSES.includes(session.status) || !lab?.autoCheck) return 'ended';
    if (!isUsable(session, this.clock.now())) return undefined;
    const step = currentStep(lab, session);
    if (!step || !autoCheckable(step)) return undefined;
    const outcome = await this.runner.run(session, lab, step, {}, 'auto');
    if (outcome === 'busy' || 'notBegun' in outcome) return undefined;
    if (!outcome.passed || !outcome.attemptId) return undefined;
    const fresh = await this.sessions.findById(sessionId);
    if (!fresh) return undefined;
    this.logger.log(`Background check: ${sessionId} passed step ${step.id}`);
    return {
      data: {
        type: 'step-passed',
        stepId: step.id,
        attemptId: outcome.attemptId,
        session: toSessionView(fresh, lab),
      },
    };
  }

  private async liveSession(
    sessionId: string,
  ): Promise<{ session: SessionRecord; lab: Lab } | undefined> {
    const session = await this.sessions.findById(sessionId);
    if (!session || !isUsable(session, this.clock.now())) return undefined;
    const lab = this.labs.find(session.labId);
    if (!lab?.autoCheck) return undefined;
    return { session, lab };
  }
}

/** The steps not passed yet. */
function open(lab: Lab, session: SessionRecord): LoadedStep[] {
  const passed = new Set(session.steps.filter((s) => s.passedAt).map((s) => s.stepId));
  return lab.steps.filter((s) => !passed.has(s.id));
}

/** The step the learner has open, unless passed; then the first one not passed. */
function currentStep(lab: Lab, session: SessionRecord): LoadedStep | undefined {
  const notPassed = open(lab, session);
  return notPassed.find((s) => s.id === session.currentStep) ?? notPassed[0];
}
