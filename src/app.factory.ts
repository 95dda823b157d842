import fs from 'node:fs';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { WsAdapter } from '@nestjs/platform-ws';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter.js';
import { applyHttpServerLimits } from './common/http-server-limits.js';
import { configureGermanMessages } from './common/zod-locale.js';
import { AppConfigService } from './config/app-config.js';

/**
 * Everything `main.ts` and the e2e tests share: body limits and request timeouts, the error format, the web
 * front end on the same origin. Tests build the app through here so they test what runs.
 */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  configureGermanMessages();
  const config = app.get(AppConfigService);
  app.useBodyParser('json', { limit: config.get('KUBELAB_BODY_LIMIT') });
  applyHttpServerLimits(app.getHttpServer(), config.get('KUBELAB_REQUEST_TIMEOUT_SECONDS') * 1000);
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useWebSocketAdapter(new WsAdapter(app));
  app.enableShutdownHooks();
  app.disable('x-powered-by');

  const webDir = config.get('KUBELAB_WEB_DIR');
  if (fs.existsSync(path.join(webDir, 'index.html'))) {
    app.useStaticAssets(webDir, { index: 'index.html' });
  }
  return app;
}
