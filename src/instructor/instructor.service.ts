import { AppConfigService } from '../config/app-config.js';
import { dockerEnginesOf, type DockerEngines } from '../clusters/engines/docker-engines.js';
import { EngineHealth } from '../clusters/engines/engine-health.js';
import { engineViews } from './engine-views.js';
import { Injectable } from '@nestjs/common';
import { LabAvailabilityService } from '../clusters/availability/lab-availability.service.js';
import type {
  Overview,
  PageView,
  SessionDetail,
  TranscriptEntry,
} from '../contract/instructor.views.js';
import type { Principal } from '../common/principal.js';
import { SessionError } from '../sessions/session.errors.js';
import { LabsService } from '../labs/labs.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import {
  toInstructorAttempt,
  toInstructorSession,
  toLabProblem,
  toPage,
  toTranscriptEntry,
} from './instructor.mapper.js';
import { InstructorRepository } from './instructor.repository.js';
import { toLabAvailabilityRow } from './lab-availability.mapper.js';
import type { PageQuery } from './dto/page.query.js';
import type { InstructorSessionRecord, InstructorTranscriptRecord } from './instructor.types.js';
import type { Page } from './page-cursor.js';
import { stepOfCommand } from './transcript-steps.js';

/** Attempts and commands per page unless the query asks for fewer or more (at most 200). */
export const ATTEMPTS_PAGE = 20;
export const TRANSCRIPT_PAGE = 50;

/**
 * What the instructor's dashboard shows: every learner's sessions, capacity, broken labs, and
 * which labs this server can run now.
 */
@Injectable()
export class InstructorService {
  private readonly engines: DockerEngines;

  constructor(
    private readonly repository: InstructorRepository,
    private readonly labs: LabsService,
    private readonly sessions: SessionsService,
    private readonly availability: LabAvailabilityService,
    private readonly health: EngineHealth,
    config: AppConfigService,
  ) {
    this.engines = dockerEnginesOf(config);
  }

  async overview(): Promise<Overview> {
    const [sessions, capacity, availability] = await Promise.all([
      this.repository.recentSessions(),
      this.repository.capacity(),
      this.availability.current(),
    ]);
    return {
      sessions: sessions.map((s) => this.view(s)),
      capacity: {
        sessions: capacity.sessions,
        clusters: capacity.clusters,
        engines: engineViews(this.health.all(), capacity.byEngine),
      },
      labProblems: this.labs.problems().map(toLabProblem),
      labs: this.labs
        .list()
        .map((lab) => toLabAvailabilityRow(lab, availability.byLab.get(lab.id))),
      labsCheckedAt: availability.checkedAt.toISOString(),
    };
  }

  /** A session with the first (newest) page of its attempts and of its transcript. */
  async session(id: string): Promise<SessionDetail> {
    const session = await this.found(id);
    const [attempts, transcript] = await Promise.all([
      this.repository.attempts(id, { limit: ATTEMPTS_PAGE }),
      this.repository.transcript(id, { limit: TRANSCRIPT_PAGE }),
    ]);
    return {
      session: this.view(session),
      attempts: toPage(attempts, (a) => toInstructorAttempt(a, this.labs.find(session.labId))),
      transcript: await this.withSteps(session, transcript),
    };
  }

  /** Older attempts: the page after the cursor `before`, newest first. */
  async attempts(id: string, query: PageQuery) {
    const session = await this.found(id);
    const page = await this.repository.attempts(id, {
      limit: query.limit ?? ATTEMPTS_PAGE,
      before: query.before,
    });
    const lab = this.labs.find(session.labId);
    return toPage(page, (a) => toInstructorAttempt(a, lab));
  }

  /** Older commands: the page after the cursor `before`, newest first. */
  async transcript(id: string, query: PageQuery) {
    const session = await this.found(id);
    const page = await this.repository.transcript(id, {
      limit: query.limit ?? TRANSCRIPT_PAGE,
      before: query.before,
    });
    return this.withSteps(session, page);
  }

  /** The page's commands, each with the step it was work on (see `stepOfCommand`). */
  private async withSteps(
    session: InstructorSessionRecord,
    page: Page<InstructorTranscriptRecord>,
  ): Promise<PageView<TranscriptEntry>> {
    const marks = page.items.length ? await this.repository.attemptMarks(session.id) : [];
    return toPage(page, (entry) =>
      toTranscriptEntry(entry, stepOfCommand(entry.startedAt, marks, session.currentStep)),
    );
  }

  /** Ends the session as the learner's own "beenden" would: progress stays, the environment goes. */
  async end(principal: Principal, id: string): Promise<void> {
    await this.sessions.remove(principal, id);
  }

  private async found(id: string): Promise<InstructorSessionRecord> {
    const session = await this.repository.findSession(id);
    if (!session) throw new SessionError('SESSION_NOT_FOUND');
    return session;
  }

  private view(session: InstructorSessionRecord) {
    return toInstructorSession(session, this.labs.find(session.labId), (endpoint) =>
      this.engines.nameOf(endpoint),
    );
  }
}
