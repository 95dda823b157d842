import fs from 'node:fs';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { WsAdapter } from '@nestjs/platform-ws';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter.js';
import { applyHttpServerLimits } from './common/http-server-limits.js';
import { jsonBodiesOnly } from './common/middleware/json-bodies-only.js';
import { securityHeaders } from './common/middleware/security-headers.js';
import { configureGermanMessages } from './common/zod-locale.js';
import { AppConfigService } from './config/app-config.js';

/**
 * Everything `main.ts` and the e2e tests share: body limits and request timeouts, the error format, the web
 * front end on the same origin. Tests build the app through here so they test what runs.
 */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  configureGermanMessages();
  const config = app.get(AppConfigService);
  app.use(securityHeaders);
  app.use(jsonBodiesOnly);
  app.useBodyParser('json', { limit: config.get('KUBELAB_BODY_LIMIT') });
  // `knoten` in a shared-mode toolbox posts its words form-encoded (curl, no JSON tooling there).
  app.useBodyParser('urlencoded', { limit: config.get('KUBELAB_BODY_LIMIT'), extended: false });
  applyHttpServerLimits(app.getHttpServer(), config.get('KUBELAB_REQUEST_TIMEOUT_SECONDS') * 1000);
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useWebSocketAdapter(new WsAdapter(app));
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  // Only a configured proxy may name the client (rate limits count per client address).
  const trustProxy = config.get('KUBELAB_TRUST_PROXY');
  if (trustProxy !== undefined) app.set('trust proxy', trustProxy);

  const webDir = config.get('KUBELAB_WEB_DIR');
  if (fs.existsSync(path.join(webDir, 'index.html'))) {
    app.useStaticAssets(webDir, { index: 'index.html' });
  }
  return app;
}
