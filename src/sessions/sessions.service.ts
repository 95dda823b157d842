import { Inject, Injectable } from '@nestjs/common';
import { AvailabilityError } from '../clusters/availability/availability.errors.js';
import { LabAvailabilityService } from '../clusters/availability/lab-availability.service.js';
import type { Principal } from '../common/principal.js';
import { Clock } from '../common/adapters/clock.js';
import type { ConnectionLimits } from '../common/connection-limits.js';
import { SessionError } from './session.errors.js';
import { RequestError } from '../common/errors/request-error.js';
import { AppConfigService } from '../config/app-config.js';
import { matchingHints } from '../grading/hint-matcher.js';
import { plainHints } from '../labs/plain-hints.js';
import type { LoadedStep } from '../labs/lab.types.js';
import { LabsService } from '../labs/labs.service.js';
import { EMPTY, type Observable } from 'rxjs';
import { SessionChanges } from './session-changes.js';
import { sessionEvents, type SessionEvent } from './session-events.js';
import { SessionLifecycle } from './session-lifecycle.js';
import { isUsable } from '../common/session-usable.js';
import type {
  CheckResponse,
  FinishResponse,
  HintsResponse,
  SessionView,
  StepState,
} from '../contract/session.views.js';
import { toCheckResultView, toSessionView } from './session.mapper.js';
import { SessionProvisioner } from './session-provisioner.js';
import { LIVE_STATUSES, type SessionRecord } from './session.types.js';
import { SessionsRepository } from './sessions.repository.js';
import { StepCheckRunner } from './step-check-runner.js';
import { AutoCheckService, type AutoCheckEvent } from './auto-check/auto-check.service.js';
import { STREAM_LIMITS } from './stream-limits.provider.js';

@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly labs: LabsService,
    private readonly provisioner: SessionProvisioner,
    private readonly lifecycle: SessionLifecycle,
    private readonly changes: SessionChanges,
    private readonly clock: Clock,
    private readonly config: AppConfigService,
    private readonly checks: StepCheckRunner,
    private readonly autoCheck: AutoCheckService,
    private readonly availability: LabAvailabilityService,
    @Inject(STREAM_LIMITS) private readonly streams: ConnectionLimits,
  ) {}

  /**
   * Starts a session, or returns the learner's live session of this lab (`created: false`).
   * Parallel starts are decided by the database (one live session per learner and lab): the
   * request that loses the insert answers with the winner's session. A lab the catalog shows as
   * not available here is refused (409) with the learner's reason.
   */
  async start(
    principal: Principal,
    labId: string,
  ): Promise<{ created: boolean; session: SessionView }> {
    const lab = this.labs.get(labId);
    for (;;) {
      const live = await this.sessions.findLive(principal.id, labId);
      if (live) return { created: false, session: this.view(live) };
      const { available, learnerReason } = await this.availability.of(lab);
      if (!available) throw new AvailabilityError('LAB_UNAVAILABLE', learnerReason ?? undefined);

      const maxMinutes = this.config.get('KUBELAB_MAX_SESSION_MINUTES');
      const now = this.clock.now();
      const session = await this.sessions.create({
        learnerId: principal.id,
        labId,
        labHash: lab.contentHash,
        stepIds: lab.steps.map((s) => s.id),
        now,
        expiresAt: new Date(now.getTime() + maxMinutes * 60_000),
      });
      if (!session) continue;
      this.provisioner.start(session.id, lab);
      return { created: true, session: toSessionView(session, lab) };
    }
  }

  async list(principal: Principal): Promise<SessionView[]> {
    const sessions = await this.sessions.listByLearner(principal.id);
    return sessions.map((s) => this.view(s));
  }

  async get(principal: Principal, id: string): Promise<SessionView> {
    return this.view(await this.owned(principal, id));
  }

  /**
   * Ownership is checked once, up front; a stranger gets 404 before any event. `signal` ends
   * with the response (however it ends) and frees the stream's place (`holdStream`).
   */
  async events(
    principal: Principal,
    id: string,
    signal: AbortSignal,
  ): Promise<Observable<SessionEvent>> {
    await this.owned(principal, id);
    this.holdStream(principal, signal);
    return sessionEvents(
      this.changes.of(id),
      () => this.get(principal, id),
      () => this.clock.now(),
    );
  }

  /**
   * Steps the background check saw done, as server-sent events, while the session lives; a
   * session that ended or a lab without `autoCheck` gets a stream that ends at once.
   */
  async autoCheckEvents(
    principal: Principal,
    id: string,
    signal: AbortSignal,
  ): Promise<Observable<AutoCheckEvent>> {
    const session = await this.owned(principal, id);
    if (!LIVE_STATUSES.includes(session.status) || !this.labs.find(session.labId)?.autoCheck) {
      return EMPTY;
    }
    this.holdStream(principal, signal);
    return this.autoCheck.events(id);
  }

  /**
   * Remembers the step the learner has open. Not activity: only terminal input and checks keep
   * a session alive, so a page left open (or a script) cannot hold an environment forever.
   */
  async setCurrentStep(principal: Principal, id: string, stepId: string): Promise<SessionView> {
    const session = await this.ownedForWrite(principal, id);
    this.labs.step(this.labs.get(session.labId), stepId);
    await this.sessions.update(id, { currentStep: stepId });
    return this.get(principal, id);
  }

  async check(
    principal: Principal,
    id: string,
    stepId: string,
    answers: Record<string, string>,
  ): Promise<CheckResponse> {
    const session = await this.ownedForWrite(principal, id);
    this.assertLive(session);
    if (!isUsable(session, this.clock.now())) throw new SessionError('SESSION_NOT_READY');
    const lab = this.labs.get(session.labId);
    const step = this.labs.step(lab, stepId);
    assertKnownAnswers(step.checks, answers);

    const outcome = await this.checks.run(session, lab, step, answers, 'learner');
    if (outcome === 'busy') throw new SessionError('CHECK_IN_PROGRESS');
    if ('notBegun' in outcome) {
      throw new SessionError(
        'STEP_NOT_BEGUN',
        `Schritt „${outcome.notBegun.title}“ beginnt erst, wenn du „${outcome.before.title}“ geschafft hast: Erst dann wird eingebaut, was du hier findest und reparierst.`,
      );
    }
    const { passed, checks, attemptId = '' } = outcome;
    const hints = matchingHints(step.hints, checks);
    return {
      attemptId,
      stepId,
      passed,
      checks: checks.map(toCheckResultView),
      hints,
      session: await this.get(principal, id),
    };
  }

  /**
   * "Fortsetzen": an expired, failed or unavailable session gets a fresh environment; the lab
   * setup and the reference solutions of the steps already passed are replayed on it. Of
   * parallel resumes only the one that reopens the session in the database provisions.
   */
  async resume(principal: Principal, id: string): Promise<SessionView> {
    const session = await this.ownedForWrite(principal, id);
    if (LIVE_STATUSES.includes(session.status)) return this.view(session);
    if (session.status === 'finished') throw new SessionError('SESSION_ENDED');
    const lab = this.labs.get(session.labId);
    const expiresAt = new Date(
      this.clock.now().getTime() + this.config.get('KUBELAB_MAX_SESSION_MINUTES') * 60_000,
    );
    const reopened = await this.lifecycle.reopen(session, expiresAt);
    if (reopened === 'liveElsewhere') throw new SessionError('LAB_SESSION_LIVE');
    if (reopened === 'unchanged') return this.get(principal, id);
    const passed = session.steps.filter((s) => s.passedAt).map((s) => s.stepId);
    this.provisioner.start(id, lab, { replay: passed });
    return this.get(principal, id);
  }

  /**
   * What the page shows of a step after a reload: the hints revealed so far and the verdict of
   * the newest attempt (its conditional hints chosen again from what it observed).
   */
  async stepState(principal: Principal, id: string, stepId: string): Promise<StepState> {
    const session = await this.owned(principal, id);
    const step = this.labs.step(this.labs.get(session.labId), stepId);
    const revealed = session.steps.find((s) => s.stepId === stepId)?.hintsRevealed ?? 0;
    const attempt = await this.sessions.latestAttempt(id, stepId);
    return {
      stepId,
      hints: revealedHints(step, revealed),
      lastCheck: attempt && {
        attemptId: attempt.id,
        passed: attempt.passed,
        checks: attempt.results.map(toCheckResultView),
        hints: matchingHints(step.hints, attempt.results),
        at: attempt.createdAt.toISOString(),
        trigger: attempt.trigger === 'auto' ? 'auto' : 'learner',
      },
    };
  }

  /** Reveals the step's next plain hint; returns all revealed so far. */
  async nextHint(principal: Principal, id: string, stepId: string): Promise<HintsResponse> {
    const session = await this.ownedForWrite(principal, id);
    const step = this.labs.step(this.labs.get(session.labId), stepId);
    const revealed = await this.sessions.revealHint(id, stepId, plainHints(step.hints).length);
    return revealedHints(step, revealed);
  }

  /** The learner completed the lab: a summary per step; the environment is released. */
  async finish(principal: Principal, id: string): Promise<FinishResponse> {
    await this.lifecycle.finish(await this.ownedForWrite(principal, id));
    const attempts = await this.sessions.attemptsOf(id);
    const view = await this.get(principal, id);
    return {
      session: view,
      summary: view.steps.map((step) => ({
        stepId: step.id,
        title: step.title,
        passed: step.passed,
        attempts: attempts.filter((a) => a.stepId === step.id).length,
        firstAttemptAt: attempts.find((a) => a.stepId === step.id)?.createdAt.toISOString() ?? null,
        passedAt: step.passedAt,
      })),
    };
  }

  /** Ends the session (progress is kept) and releases its environment. */
  async remove(principal: Principal, id: string): Promise<void> {
    await this.lifecycle.finish(await this.ownedForWrite(principal, id));
  }

  /** A place among the open streams (in total and the learner's) until `signal` ends. */
  private holdStream(principal: Principal, signal: AbortSignal): void {
    const slot = this.streams.admit(principal.id);
    if (slot === 'server') throw new RequestError('SERVER_BUSY');
    if (slot === 'learner') throw new RequestError('TOO_MANY_CONNECTIONS');
    if (signal.aborted) slot.release();
    else signal.addEventListener('abort', () => slot.release(), { once: true });
  }

  /**
   * Someone else's session is reported as not found, so ids cannot be probed. Only reads: a
   * session past its lifetime shows as it is stored until the reaper or a write expires it.
   */
  private async owned(principal: Principal, id: string): Promise<SessionRecord> {
    const session = await this.sessions.findById(id);
    if (!session || (session.learnerId !== principal.id && principal.role !== 'instructor')) {
      throw new SessionError('SESSION_NOT_FOUND');
    }
    return session;
  }

  /** For requests that change the session: one past its lifetime is expired first. */
  private async ownedForWrite(principal: Principal, id: string): Promise<SessionRecord> {
    return this.lifecycle.expireIfDue(await this.owned(principal, id));
  }

  private assertLive(session: SessionRecord): void {
    if (!LIVE_STATUSES.includes(session.status)) {
      throw new SessionError('SESSION_ENDED', session.message ?? undefined);
    }
  }

  /** A lab removed since the session started still shows the session, by its stored step ids. */
  private view(session: SessionRecord): SessionView {
    return toSessionView(session, this.labs.find(session.labId));
  }
}

/** The step's plain hints the learner has seen, and how many are left. */
function revealedHints(step: LoadedStep, revealed: number): HintsResponse {
  const hints = plainHints(step.hints);
  return { hints: hints.slice(0, revealed), remaining: Math.max(0, hints.length - revealed) };
}

function assertKnownAnswers(checks: LoadedStep['checks'], answers: Record<string, string>): void {
  const known = new Set(checks.filter((c) => c.kind === 'answer').map((c) => c.id));
  const unknown = Object.keys(answers).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new RequestError(
      'VALIDATION_FAILED',
      `Diese Antwortfelder gibt es in dem Schritt nicht: ${unknown.join(', ')}`,
      [...unknown.map((key) => ({ path: `answers.${key}`, message: 'unbekanntes Antwortfeld' }))],
    );
  }
}
