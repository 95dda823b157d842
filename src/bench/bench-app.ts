import type { InjectionToken } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { configureApp } from '../app.factory.js';
import { AppModule } from '../app.module.js';
import { AppConfigService } from '../config/app-config.js';
import { removeInstanceEnvironments, type OnCleanUp } from './bench-run.js';

/**
 * kubelab on 127.0.0.1 (a free port), configured as `main.ts` does, with one provider replaced
 * by value; closed by the benchmark's clean-up.
 */
export async function listenBenchApp(
  env: Record<string, string | undefined>,
  override: { provide: InjectionToken; useValue: unknown },
  onCleanUp: OnCleanUp,
): Promise<{ app: NestExpressApplication; base: string }> {
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(AppConfigService.fromEnv(env))],
  })
    .overrideProvider(override.provide)
    .useValue(override.useValue)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: ['error'] });
  onCleanUp(() => app.close());
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  return { app, base: await app.getUrl() };
}

/**
 * kubelab on 127.0.0.1 (a free port) with real drivers; `stop` (also the benchmark's clean-up)
 * closes it and removes the containers and networks of its KUBELAB_INSTANCE on this host.
 */
export async function listenContainerBenchApp(
  env: Record<string, string | undefined>,
  onCleanUp: OnCleanUp,
): Promise<{ app: NestExpressApplication; base: string; stop: () => Promise<void> }> {
  const config = AppConfigService.fromEnv(env);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: ['error'],
  });
  const stop = onCleanUp(async () => {
    try {
      await app.close();
    } finally {
      await removeInstanceEnvironments(config.get('KUBELAB_INSTANCE'));
    }
  });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  // Read before any wait: after Ctrl-C the app is closed and has no URL.
  return { app, base: await app.getUrl(), stop };
}
