import { Injectable, Logger } from '@nestjs/common';
import { EnvironmentHooks } from '../clusters/environment-hooks.js';
import { EnvironmentLifecycle } from '../clusters/environment-lifecycle.js';
import { Clock } from '../common/adapters/clock.js';
import { SessionChanges } from './session-changes.js';
import { LIVE_STATUSES, type SessionRecord, type SessionStatus } from './session.types.js';
import { SessionsRepository } from './sessions.repository.js';

const EXPIRED_ON_REQUEST =
  'Die maximale Laufzeit ist abgelaufen. Dein Fortschritt bleibt gespeichert.';
const FINISHED = 'Die Sitzung ist beendet. Dein Fortschritt bleibt gespeichert.';

/**
 * Every change of a session's status goes through here: provisioning progress, ready, failed,
 * expired, unavailable, finished, reopened. Whoever ends a session gets its environment
 * released, and every change is published (SessionChanges) so the progress stream hears it as
 * it happens. Reads never come here: a GET shows the row as it is.
 */
@Injectable()
export class SessionLifecycle {
  private readonly logger = new Logger(SessionLifecycle.name);

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly environments: EnvironmentLifecycle,
    private readonly hooks: EnvironmentHooks,
    private readonly changes: SessionChanges,
    private readonly clock: Clock,
  ) {}

  /** Moves a live session to `status`; false when it ended meanwhile. */
  async advance(id: string, status: SessionStatus, message: string | null): Promise<boolean> {
    const moved = await this.sessions.transitionIfLive(id, status, message);
    if (moved) this.changes.publish(id);
    return moved;
  }

  /**
   * The session's environment is ready (made, or rebuilt on „Fortsetzen“): steps begin no
   * earlier than now (readyAt); false when the session ended meanwhile.
   */
  async ready(id: string): Promise<boolean> {
    const moved = await this.sessions.readyIfLive(id, this.clock.now());
    if (moved) this.changes.publish(id);
    return moved;
  }

  /** The environment the session is being given (null: none yet). */
  async attach(id: string, clusterId: string | null): Promise<void> {
    await this.sessions.update(id, { clusterId });
    this.changes.publish(id);
  }

  /** Expires a live session and releases its environment; false when it had ended already. */
  async expire(session: SessionRecord, message: string): Promise<boolean> {
    if (!(await this.advance(session.id, 'expired', message))) return false;
    await this.release(session.id, session.clusterId);
    return true;
  }

  /** For write paths: a live session past its lifetime is expired before the request goes on. */
  async expireIfDue(session: SessionRecord): Promise<SessionRecord> {
    if (!LIVE_STATUSES.includes(session.status) || session.expiresAt > this.clock.now())
      return session;
    await this.expire(session, EXPIRED_ON_REQUEST);
    return { ...session, status: 'expired', message: EXPIRED_ON_REQUEST };
  }

  /** The learner ends the session (progress is kept); its environment is released. */
  async finish(session: SessionRecord): Promise<void> {
    if (LIVE_STATUSES.includes(session.status)) {
      await this.sessions.update(session.id, {
        status: 'finished',
        message: FINISHED,
        finishedAt: this.clock.now(),
      });
      this.changes.publish(session.id);
    }
    await this.release(session.id, session.clusterId);
  }

  /**
   * A ready session whose environment stopped running becomes `unavailable` and gives the
   * environment back; false when it moved on meanwhile (ended, or resumed elsewhere).
   */
  async endOnStoppedEnvironment(id: string, clusterId: string, message: string): Promise<boolean> {
    if (!(await this.sessions.transitionIfReadyOn(id, clusterId, 'unavailable', message)))
      return false;
    this.changes.publish(id);
    await this.release(id, clusterId);
    return true;
  }

  /**
   * The session's engine stopped answering: `unavailable` with `message` at once; its terminals
   * and environment are let go in the background, since closing a shell on an engine that hangs
   * may never finish. False when the session had ended.
   */
  async endOnLostEngine(session: SessionRecord, message: string): Promise<boolean> {
    if (!(await this.advance(session.id, 'unavailable', message))) return false;
    this.release(session.id, session.clusterId).catch((error: unknown) =>
      this.logger.warn(`Releasing session ${session.id} on a lost engine failed: ${String(error)}`),
    );
    return true;
  }

  /**
   * "Fortsetzen": back to `queued` with a new lifetime, the old environment released. Of
   * parallel resumes only one reopens; see SessionsRepository.reopen.
   */
  async reopen(
    session: SessionRecord,
    expiresAt: Date,
  ): Promise<'reopened' | 'unchanged' | 'liveElsewhere'> {
    const reopened = await this.sessions.reopen(session.id, this.clock.now(), expiresAt);
    if (reopened !== 'reopened') return reopened;
    this.changes.publish(session.id);
    await this.release(session.id, session.clusterId);
    return reopened;
  }

  /**
   * Gives the session's environment back (a wait for room ends too); what hangs on it (its
   * terminals) is closed first.
   */
  async release(sessionId: string, clusterId: string | null): Promise<void> {
    this.environments.cancelWait(sessionId);
    if (!clusterId) return;
    await this.hooks.runBeforeRelease(sessionId);
    await this.environments.release(clusterId);
  }
}
