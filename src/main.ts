import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureApp } from './app.factory.js';
import { AppModule } from './app.module.js';
import { AppConfigService } from './config/app-config.js';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(), {
    bufferLogs: false,
  });
  configureApp(app);
  const config = app.get(AppConfigService);
  await app.listen(config.get('PORT'), config.get('HOST'));
  new Logger('kubelab').log(`Listening on ${await app.getUrl()}`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
