import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { DomainError } from '../common/errors/domain-error.js';
import { LabsService } from '../labs/labs.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import {
  toInstructorAttempt,
  toInstructorSession,
  toLabProblem,
  toTranscriptEntry,
} from './instructor.mapper.js';
import { InstructorRepository } from './instructor.repository.js';
import type { InstructorSessionRecord } from './instructor.types.js';

/** What the instructor's dashboard shows: every learner's sessions, capacity, broken labs. */
@Injectable()
export class InstructorService {
  constructor(
    private readonly repository: InstructorRepository,
    private readonly labs: LabsService,
    private readonly sessions: SessionsService,
  ) {}

  async overview() {
    const [sessions, capacity] = await Promise.all([
      this.repository.recentSessions(),
      this.repository.capacity(),
    ]);
    return {
      sessions: sessions.map((s) => this.view(s)),
      capacity,
      labProblems: this.labs.problems().map(toLabProblem),
    };
  }

  async session(id: string) {
    const session = await this.repository.findSession(id);
    if (!session) throw new DomainError('SESSION_NOT_FOUND');
    const [attempts, transcript] = await Promise.all([
      this.repository.attempts(id),
      this.repository.transcript(id),
    ]);
    return {
      session: this.view(session),
      attempts: attempts.map(toInstructorAttempt),
      transcript: transcript.map(toTranscriptEntry),
    };
  }

  /** Ends the session as the learner's own "beenden" would: progress stays, the environment goes. */
  async end(principal: Principal, id: string): Promise<void> {
    await this.sessions.remove(principal, id);
  }

  private view(session: InstructorSessionRecord) {
    return toInstructorSession(session, this.labs.find(session.labId));
  }
}
