import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createTestApp, type TestContext } from '../../support/test-app.js';
import { buildWeb } from './web-build.js';

/**
 * kubelab with its built web front end, listening on a free port, as a browser test needs it:
 * the front end is built into `tmpDir/web`, `env` adds to it (labs folder, Docker host).
 */
export async function startWebApp(
  tmpDir: string,
  env: Record<string, string>,
): Promise<{ ctx: TestContext; base: string }> {
  const webDir = await buildWeb(path.join(tmpDir, 'web'));
  const ctx = await createTestApp({ env: { ...env, KUBELAB_WEB_DIR: webDir } });
  await ctx.app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
  return { ctx, base };
}
