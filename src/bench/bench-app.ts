import type { InjectionToken } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { configureApp } from '../app.factory.js';
import { AppModule } from '../app.module.js';
import { AppConfigService } from '../config/app-config.js';
import type { OnCleanUp } from './bench-run.js';

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
