import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client.js';
import { newId } from '../common/ids.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { CheckResult } from '../grading/check-result.js';
import { LIVE_STATUSES, type SessionRecord, type SessionStatus } from './session.types.js';

const sessionSelect = {
  id: true,
  learnerId: true,
  labId: true,
  labHash: true,
  status: true,
  message: true,
  currentStep: true,
  clusterId: true,
  createdAt: true,
  readyAt: true,
  lastActiveAt: true,
  expiresAt: true,
  finishedAt: true,
  steps: { select: { stepId: true, attempts: true, hintsRevealed: true, passedAt: true } },
  cluster: { select: { name: true, status: true, driver: true, dockerEndpoint: true } },
} as const;

export interface NewSession {
  learnerId: string;
  labId: string;
  labHash: string;
  stepIds: string[];
  now: Date;
  expiresAt: Date;
}

@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The session and one progress row per step, in one transaction; null when the learner
   * already has a live session of this lab (the database's partial unique index says so).
   */
  async create(input: NewSession): Promise<SessionRecord | null> {
    const row = await this.prisma.labSession
      .create({
        data: {
          id: newId(),
          learnerId: input.learnerId,
          labId: input.labId,
          labHash: input.labHash,
          status: 'queued',
          message: 'Deine Sitzung wartet auf eine Umgebung.',
          currentStep: input.stepIds[0] ?? null,
          createdAt: input.now,
          lastActiveAt: input.now,
          expiresAt: input.expiresAt,
          steps: { create: input.stepIds.map((stepId) => ({ id: newId(), stepId })) },
        },
        select: sessionSelect,
      })
      .catch(nullIfLiveElsewhere);
    return row as SessionRecord | null;
  }

  async findById(id: string): Promise<SessionRecord | null> {
    return (await this.prisma.labSession.findUnique({
      where: { id },
      select: sessionSelect,
    })) as SessionRecord | null;
  }

  async findLive(learnerId: string, labId: string): Promise<SessionRecord | null> {
    const row = await this.prisma.labSession.findFirst({
      where: { learnerId, labId, status: { in: [...LIVE_STATUSES] } },
      orderBy: { createdAt: 'desc' },
      select: sessionSelect,
    });
    return row as SessionRecord | null;
  }

  async listByLearner(learnerId: string): Promise<SessionRecord[]> {
    const rows = await this.prisma.labSession.findMany({
      where: { learnerId },
      orderBy: { createdAt: 'desc' },
      select: sessionSelect,
    });
    return rows as SessionRecord[];
  }

  /** Live sessions past their maximum lifetime or idle since before `idleSince`. */
  async findDue(now: Date, idleSince: Date): Promise<SessionRecord[]> {
    const rows = await this.prisma.labSession.findMany({
      where: {
        status: { in: [...LIVE_STATUSES] },
        OR: [{ expiresAt: { lte: now } }, { lastActiveAt: { lte: idleSince } }],
      },
      select: sessionSelect,
    });
    return rows as SessionRecord[];
  }

  async findLiveAll(): Promise<SessionRecord[]> {
    const rows = await this.prisma.labSession.findMany({
      where: { status: { in: [...LIVE_STATUSES] } },
      select: sessionSelect,
    });
    return rows as SessionRecord[];
  }

  /** Live sessions whose environment is (or is being made) on this engine. */
  async findLiveOn(dockerEndpoint: string): Promise<SessionRecord[]> {
    const rows = await this.prisma.labSession.findMany({
      where: { status: { in: [...LIVE_STATUSES] }, cluster: { dockerEndpoint } },
      select: sessionSelect,
    });
    return rows as SessionRecord[];
  }

  /** Sessions that hold a ready environment, with its name and where it runs. */
  async findReady(): Promise<SessionRecord[]> {
    const rows = await this.prisma.labSession.findMany({
      where: { status: 'ready', clusterId: { not: null } },
      select: sessionSelect,
    });
    return rows as SessionRecord[];
  }

  /**
   * Back to `queued` for "Fortsetzen": a new lifetime, no cluster yet; progress rows stay. Only
   * from an ended, resumable status, so of parallel resumes exactly one reopens (`reopened`);
   * `unchanged` when someone else did or it was finished meanwhile, `liveElsewhere` when the
   * learner has another live session of this lab.
   */
  async reopen(
    id: string,
    now: Date,
    expiresAt: Date,
  ): Promise<'reopened' | 'unchanged' | 'liveElsewhere'> {
    const result = await this.prisma.labSession
      .updateMany({
        where: { id, status: { notIn: [...LIVE_STATUSES, 'finished'] } },
        data: {
          status: 'queued',
          message: 'Deine Sitzung wartet auf eine Umgebung.',
          clusterId: null,
          lastActiveAt: now,
          expiresAt,
          finishedAt: null,
        },
      })
      .catch(nullIfLiveElsewhere);
    if (!result) return 'liveElsewhere';
    return result.count === 1 ? 'reopened' : 'unchanged';
  }

  async update(
    id: string,
    data: Partial<
      Pick<
        SessionRecord,
        'status' | 'message' | 'currentStep' | 'clusterId' | 'finishedAt' | 'lastActiveAt'
      >
    >,
  ): Promise<void> {
    await this.prisma.labSession.update({ where: { id }, data });
  }

  /** Moves a session to `status` only if it is still live; false when it ended meanwhile. */
  async transitionIfLive(
    id: string,
    status: SessionStatus,
    message: string | null,
  ): Promise<boolean> {
    const { count } = await this.prisma.labSession.updateMany({
      where: { id, status: { in: [...LIVE_STATUSES] } },
      data: { status, message },
    });
    return count === 1;
  }

  /**
   * Moves a live session to `ready` and notes when: no step counts as begun before it
   * (stepStartedAt). False when the session ended meanwhile.
   */
  async readyIfLive(id: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.labSession.updateMany({
      where: { id, status: { in: [...LIVE_STATUSES] } },
      data: { status: 'ready', message: null, readyAt: at },
    });
    return count === 1;
  }

  /**
   * Moves a session that is ready on `clusterId` to `status`; false when it moved on meanwhile
   * (ended, or resumed onto another environment).
   */
  async transitionIfReadyOn(
    id: string,
    clusterId: string,
    status: SessionStatus,
    message: string,
  ): Promise<boolean> {
    const { count } = await this.prisma.labSession.updateMany({
      where: { id, clusterId, status: 'ready' },
      data: { status, message },
    });
    return count === 1;
  }

  /**
   * Stores the attempt and updates the step's progress atomically; `firstPass` when this attempt
   * is the one that passed the step (of parallel passes, exactly one).
   */
  async recordAttempt(input: {
    sessionId: string;
    stepId: string;
    passed: boolean;
    results: CheckResult[];
    durationMs: number;
    at: Date;
    trigger?: 'learner' | 'auto';
  }): Promise<{ attemptId: string; firstPass: boolean }> {
    const attemptId = newId();
    const { sessionId, stepId, at } = input;
    const results = await this.prisma.$transaction([
      this.prisma.gradingAttempt.create({
        data: {
          id: attemptId,
          sessionId,
          stepId,
          passed: input.passed,
          results: JSON.stringify(input.results),
          durationMs: input.durationMs,
          createdAt: at,
          trigger: input.trigger ?? 'learner',
        },
      }),
      // upsert: a step added to the lab after the session started has no row yet.
      this.prisma.stepProgress.upsert({
        where: { sessionId_stepId: { sessionId, stepId } },
        create: { id: newId(), sessionId, stepId, attempts: 1 },
        update: { attempts: { increment: 1 } },
      }),
      // passedAt keeps the first pass: a later failed attempt never takes progress away.
      ...(input.passed
        ? [
            this.prisma.stepProgress.updateMany({
              where: { sessionId, stepId, passedAt: null },
              data: { passedAt: at },
            }),
          ]
        : []),
      this.prisma.labSession.update({ where: { id: sessionId }, data: { lastActiveAt: at } }),
    ]);
    const passing = input.passed ? (results[2] as { count: number }) : undefined;
    return { attemptId, firstPass: passing?.count === 1 };
  }

  async revealHint(sessionId: string, stepId: string, max: number): Promise<number> {
    await this.prisma.stepProgress.upsert({
      where: { sessionId_stepId: { sessionId, stepId } },
      create: { id: newId(), sessionId, stepId },
      update: {},
    });
    await this.prisma.stepProgress.updateMany({
      where: { sessionId, stepId, hintsRevealed: { lt: max } },
      data: { hintsRevealed: { increment: 1 } },
    });
    const row = await this.prisma.stepProgress.findUniqueOrThrow({
      where: { sessionId_stepId: { sessionId, stepId } },
      select: { hintsRevealed: true },
    });
    return row.hintsRevealed;
  }

  /** The step's newest grading attempt with its per-check results, or null. */
  async latestAttempt(sessionId: string, stepId: string) {
    const row = await this.prisma.gradingAttempt.findFirst({
      where: { sessionId, stepId },
      orderBy: { createdAt: 'desc' },
      select: { id: true, passed: true, results: true, createdAt: true, trigger: true },
    });
    if (!row) return null;
    return { ...row, results: JSON.parse(row.results) as CheckResult[] };
  }

  async attemptsOf(sessionId: string) {
    return this.prisma.gradingAttempt.findMany({
      where: { sessionId },
      orderBy: { createdAt: 'asc' },
      select: { id: true, stepId: true, passed: true, durationMs: true, createdAt: true },
    });
  }
}

/**
 * The partial unique index "one live session per learner and lab" refused the write. The
 * constraint's fields sit in `meta` (where depends on Prisma's driver adapter) and the message.
 */
function nullIfLiveElsewhere(error: unknown): null {
  if (
    error instanceof Prisma.PrismaClientKnownRequestError &&
    error.code === 'P2002' &&
    `${JSON.stringify(error.meta ?? {})} ${error.message}`.includes('labId')
  )
    return null;
  throw error;
}
