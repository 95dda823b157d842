import { Injectable } from '@nestjs/common';
import type { CheckResult } from '../grading/check-result.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { LIVE_STATUSES, type SessionStatus } from '../sessions/session.types.js';
import { decodeCursor, pageOf, type Page } from './page-cursor.js';
import type { AttemptMark } from './transcript-steps.js';
import type {
  CapacityRecord,
  InstructorAttemptRecord,
  InstructorSessionRecord,
  InstructorTranscriptRecord,
} from './instructor.types.js';

const sessionSelect = {
  id: true,
  labId: true,
  status: true,
  message: true,
  currentStep: true,
  createdAt: true,
  lastActiveAt: true,
  expiresAt: true,
  finishedAt: true,
  learner: { select: { id: true, name: true } },
  cluster: {
    select: { name: true, driver: true, status: true, error: true, dockerEndpoint: true },
  },
  steps: { select: { stepId: true, attempts: true, hintsRevealed: true, passedAt: true } },
} as const;

/** Enough for a dashboard; older ended sessions stay in the database. */
const RECENT_ENDED = 50;
/** One page of a session's attempts and of its transcript, newest first. */
export interface PageRequest {
  limit: number;
  /** A page's `next` cursor: only items older than that. */
  before?: string;
}

/** Read-only queries across all learners, for the instructor's dashboard. */
@Injectable()
export class InstructorRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Every live session and the most recently active ended ones, most recent first. */
  async recentSessions(): Promise<InstructorSessionRecord[]> {
    const live = { status: { in: [...LIVE_STATUSES] } };
    const [running, ended] = await Promise.all([
      this.prisma.labSession.findMany({
        where: live,
        orderBy: { lastActiveAt: 'desc' },
        select: sessionSelect,
      }),
      this.prisma.labSession.findMany({
        where: { NOT: live },
        orderBy: { lastActiveAt: 'desc' },
        take: RECENT_ENDED,
        select: sessionSelect,
      }),
    ]);
    return [...running, ...ended] as InstructorSessionRecord[];
  }

  async findSession(id: string): Promise<InstructorSessionRecord | null> {
    const row = await this.prisma.labSession.findUnique({ where: { id }, select: sessionSelect });
    return row as InstructorSessionRecord | null;
  }

  async attempts(
    sessionId: string,
    { limit, before }: PageRequest,
  ): Promise<Page<InstructorAttemptRecord>> {
    const cursor = before ? decodeCursor(before) : undefined;
    const [rows, total] = await Promise.all([
      this.prisma.gradingAttempt.findMany({
        where: {
          sessionId,
          ...(cursor && {
            OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }],
          }),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit + 1,
        select: {
          id: true,
          stepId: true,
          passed: true,
          durationMs: true,
          createdAt: true,
          results: true,
        },
      }),
      this.prisma.gradingAttempt.count({ where: { sessionId } }),
    ]);
    const attempts = rows.map((row) => ({ ...row, results: parseResults(row.results) }));
    return pageOf(attempts, limit, total, (a) => ({ at: a.createdAt, id: a.id }));
  }

  /** Every attempt's step and time, oldest first: what places commands in steps. */
  async attemptMarks(sessionId: string): Promise<AttemptMark[]> {
    return this.prisma.gradingAttempt.findMany({
      where: { sessionId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { stepId: true, createdAt: true },
    });
  }

  async transcript(
    sessionId: string,
    { limit, before }: PageRequest,
  ): Promise<Page<InstructorTranscriptRecord>> {
    const cursor = before ? decodeCursor(before) : undefined;
    const seq = cursor?.seq ?? 0;
    const [rows, total] = await Promise.all([
      this.prisma.transcriptEntry.findMany({
        where: {
          sessionId,
          ...(cursor && {
            OR: [
              { startedAt: { lt: cursor.at } },
              { startedAt: cursor.at, seq: { lt: seq } },
              { startedAt: cursor.at, seq, id: { lt: cursor.id } },
            ],
          }),
        },
        orderBy: [{ startedAt: 'desc' }, { seq: 'desc' }, { id: 'desc' }],
        take: limit + 1,
        select: {
          id: true,
          terminal: true,
          seq: true,
          command: true,
          exitCode: true,
          output: true,
          startedAt: true,
          finishedAt: true,
          dropped: true,
        },
      }),
      this.prisma.transcriptEntry.count({ where: { sessionId } }),
    ]);
    return pageOf(rows, limit, total, (e) => ({ at: e.startedAt, seq: e.seq, id: e.id }));
  }

  async capacity(): Promise<CapacityRecord> {
    const [sessions, clusters, byEngine] = await Promise.all([
      this.prisma.labSession.groupBy({
        by: ['status'],
        where: { status: { in: [...LIVE_STATUSES] } },
        _count: { _all: true },
      }),
      this.prisma.cluster.groupBy({
        by: ['driver', 'status'],
        where: { status: { not: 'deleted' } },
        _count: { _all: true },
      }),
      this.prisma.cluster.groupBy({
        by: ['dockerEndpoint', 'status'],
        where: { status: { notIn: ['deleted', 'failed'] } },
        _count: { _all: true },
      }),
    ]);
    return {
      sessions: Object.fromEntries(sessions.map((s) => [s.status as SessionStatus, s._count._all])),
      clusters: clusters.map((c) => ({
        driver: c.driver,
        status: c.status,
        count: c._count._all,
      })),
      byEngine: byEngine.map((c) => ({
        dockerEndpoint: c.dockerEndpoint,
        status: c.status,
        count: c._count._all,
      })),
    };
  }
}

function parseResults(json: string): CheckResult[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as CheckResult[]) : [];
  } catch {
    return [];
  }
}
