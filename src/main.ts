import 'reflect-metadata';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureApp } from './app.factory.js';
import { AppModule } from './app.module.js';
import { AppConfigService } from './config/app-config.js';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

async function bootstrap(): Promise<void> {
  // Validated before anything starts: a bad variable stops the server with a clear message.
  const config = AppConfigService.fromEnv(process.env);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: LEVELS.slice(0, LEVELS.indexOf(config.get('LOG_LEVEL')) + 1),
  });
  configureApp(app);
  await app.listen(config.get('PORT'), config.get('HOST'));
  new Logger('kubelab').log(`Listening on ${await app.getUrl()}`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
