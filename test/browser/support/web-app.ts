import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createTestApp, INSTRUCTOR_AUTH, type TestContext } from '../../support/test-app.js';
import { ensureNetlabImage } from '../../support/test-images.js';
import { buildWeb } from './web-build.js';

/**
 * kubelab with its built web front end, listening on a free port, as a browser test needs it:
 * the front end is built into `tmpDir/web`, `env` adds to it (labs folder, Docker host). Shared
 * mode's toolboxes reach it from their Docker network: then it listens on all addresses.
 */
export async function startWebApp(
  tmpDir: string,
  env: Record<string, string>,
  listen: { host: string; port: number } = { host: '127.0.0.1', port: 0 },
): Promise<{ ctx: TestContext; base: string }> {
  const webDir = await buildWeb(path.join(tmpDir, 'web'));
  const ctx = await createTestApp({ env: { ...env, KUBELAB_WEB_DIR: webDir } });
  await ctx.app.listen(listen.port, listen.host);
  const base = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
  return { ctx, base };
}

/**
 * startWebApp serving the labs in `labsDir` in container environments on the local Docker
 * engine, once lab 00's image is there (made offline if it is not).
 */
export async function startContainerWebApp(
  tmpDir: string,
  labsDir: string,
): Promise<{ ctx: TestContext; base: string }> {
  await ensureNetlabImage();
  return startWebApp(tmpDir, {
    KUBELAB_LABS_DIR: labsDir,
    KUBELAB_DOCKER_HOST: 'unix:///var/run/docker.sock',
  });
}

/** A browser test's tear-down: its session's environment goes, whatever happened, then the rest. */
export async function closeWebApp(parts: {
  ctx?: TestContext;
  browser?: { close(): Promise<void> };
  sessionId?: string;
  tmp: { cleanup(): void };
}): Promise<void> {
  const { ctx, browser, sessionId, tmp } = parts;
  if (ctx && sessionId)
    await ctx.http().delete(`/api/instructor/sessions/${sessionId}`).set(INSTRUCTOR_AUTH);
  await browser?.close();
  await ctx?.close();
  tmp.cleanup();
}
