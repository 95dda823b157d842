import path from 'node:path';
import type { InjectionToken } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { configureApp } from '../../src/app.factory.js';
import { AppModule } from '../../src/app.module.js';
import { AppConfigService } from '../../src/config/app-config.js';
import {
  ENVIRONMENT_DRIVERS,
  type EnvironmentDriver,
  type EnvironmentType,
} from '../../src/clusters/environment-driver.js';
import { EnvironmentDriversService } from '../../src/clusters/environment-drivers.service.js';
import type { CheckResponse, SessionView } from '../../src/contract/session.views.js';
import { PrismaService } from '../../src/prisma/prisma.service.js';
import { SessionProvisioner } from '../../src/sessions/session-provisioner.js';
import { SessionReaper } from '../../src/sessions/session-reaper.js';
import { WarmPool } from '../../src/clusters/pool/warm-pool.js';
import { tempDir } from './temp-dir.js';

export const FIXTURE_LABS = path.resolve('test/fixtures/labs');
export const INSTRUCTOR_TOKEN = 'instructor-token-for-tests-0001';
export const INSTRUCTOR_AUTH = { Authorization: `Bearer ${INSTRUCTOR_TOKEN}` };

interface Learner {
  auth: { Authorization: string };
}

type CheckBody = { answers?: Record<string, string> };

export interface TestLearner extends Learner {
  id: string;
  token: string;
}

export interface TestContext {
  app: NestExpressApplication;
  http: () => ReturnType<typeof request>;
  prisma: PrismaService;
  /** Waits until background provisioning has settled. */
  settle: () => Promise<void>;
  /** Starts a session (201) and waits until its environment is settled; the session as the API shows it. */
  newSession: (learner: Learner, labId?: string) => Promise<SessionView>;
  /** Starts a session (201) without waiting: the answer of `POST /api/sessions`. */
  startSession: (learner: Learner, labId?: string) => Promise<SessionView>;
  /** `POST /api/sessions` for a lab, the answer left to the test (`.expect(409)`): for refusals. */
  startSessionRequest: (learner: Learner, labId: string) => request.Test;
  /** `GET /api/sessions/:id` as the learner (200). */
  session: (learner: Learner, id: string) => Promise<SessionView>;
  /** Moves the session to another step, as the learner (`PATCH /api/sessions/:id`, 200). */
  goToStep: (learner: Learner, id: string, stepId: string) => Promise<SessionView>;
  /** Presses „Prüfen“ on a step (200): the verdict. */
  check: (learner: Learner, id: string, stepId: string, body?: CheckBody) => Promise<CheckResponse>;
  /** Presses „Prüfen“ and leaves the answer to the test (`.expect(409)`): for refusals and limits. */
  checkRequest: (learner: Learner, id: string, stepId: string, body?: CheckBody) => request.Test;
  newLearner: (name?: string) => Promise<TestLearner>;
  /** `keepEnvironments`: leave them running, as a crash would (for reconciliation tests). */
  close: (options?: { keepEnvironments?: boolean }) => Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  drivers?: EnvironmentDriver[];
  overrides?: { provide: InjectionToken; useValue: unknown }[];
}

/**
 * The real Nest app, configured as `main.ts` does, on a fresh SQLite file.
 * `drivers` replaces the cluster drivers (the kind driver cannot run here); leave it out to
 * test the real KindDriver. `overrides` replace other providers by value (e.g. shorter timeouts).
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestContext> {
  const tmp = tempDir();
  const env = {
    DATABASE_URL: `file:${path.join(tmp.dir, 'test.db')}`,
    KUBELAB_LABS_DIR: FIXTURE_LABS,
    KUBELAB_WEB_DIR: path.join(tmp.dir, 'no-web'),
    KUBELAB_INSTRUCTOR_TOKEN: INSTRUCTOR_TOKEN,
    KUBELAB_KIND_BIN: '/nonexistent/kind',
    // Test files share one Docker engine: only tests about reconciliation switch it on,
    // each with its own KUBELAB_INSTANCE.
    KUBELAB_RECONCILE: 'false',
    KUBELAB_DOCKER_HOST: `unix://${path.join(tmp.dir, 'no-docker.sock')}`,
    // That engine never answers: only tests about engine health ask it (EngineHealth.checkNow).
    KUBELAB_ENGINE_CHECK_SECONDS: '3600',
    PATH: process.env.PATH ?? '',
    ...options.env,
  };
  let builder = Test.createTestingModule({
    imports: [AppModule.forRoot(AppConfigService.fromEnv(env))],
  });
  if (options.drivers)
    builder = builder.overrideProvider(ENVIRONMENT_DRIVERS).useValue(options.drivers);
  for (const { provide, useValue } of options.overrides ?? [])
    builder = builder.overrideProvider(provide).useValue(useValue);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: ['error'] });
  configureApp(app);
  await app.init();

  const http = () => request(app.getHttpServer());
  const settle = async () => {
    await app.get(SessionReaper).whenIdle();
    await app.get(SessionProvisioner).whenIdle();
    await app.get(WarmPool).whenIdle();
  };
  const startSessionRequest = (learner: Learner, labId: string) =>
    http().post('/api/sessions').set(learner.auth).send({ labId });
  const startSession = async (learner: Learner, labId = '01-quiz') => {
    const { body } = await startSessionRequest(learner, labId).expect(201);
    return body as SessionView;
  };
  const checkRequest = (learner: Learner, id: string, stepId: string, body: CheckBody = {}) =>
    http().post(`/api/sessions/${id}/steps/${stepId}/check`).set(learner.auth).send(body);
  const session = async (learner: Learner, id: string) => {
    const { body } = await http().get(`/api/sessions/${id}`).set(learner.auth).expect(200);
    return body as SessionView;
  };
  return {
    app,
    http,
    prisma: app.get(PrismaService),
    settle,
    startSession,
    startSessionRequest,
    session,
    async goToStep(learner, id, stepId) {
      const response = await http()
        .patch(`/api/sessions/${id}`)
        .set(learner.auth)
        .send({ currentStep: stepId })
        .expect(200);
      return response.body as SessionView;
    },
    async check(learner, id, stepId, body = {}) {
      const response = await checkRequest(learner, id, stepId, body).expect(200);
      return response.body as CheckResponse;
    },
    checkRequest,
    async newSession(learner, labId) {
      const { id } = await startSession(learner, labId);
      await settle();
      return session(learner, id);
    },
    async newLearner(name = 'Lea Lernend') {
      const response = await http().post('/api/learners').send({ name }).expect(201);
      const body = response.body as { id: string; token: string };
      return { id: body.id, token: body.token, auth: { Authorization: `Bearer ${body.token}` } };
    },
    /** Closes the app and destroys every environment it made that is still there: no test leaves one behind. */
    async close({ keepEnvironments = false } = {}) {
      const drivers = app.get(EnvironmentDriversService);
      const left = keepEnvironments
        ? []
        : await app.get(PrismaService).cluster.findMany({ where: { status: { not: 'deleted' } } });
      await app.close();
      for (const cluster of left) {
        await drivers
          .for(cluster.driver as EnvironmentType)
          .destroy(cluster.name, cluster.dockerEndpoint)
          .catch(() => undefined);
      }
      tmp.cleanup();
    },
  };
}
