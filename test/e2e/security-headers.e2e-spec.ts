import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../support/temp-dir.js';
import { createTestApp, type TestContext } from '../support/test-app.js';

describe('Security headers (e2e)', () => {
  let ctx: TestContext;
  const web = tempDir();

  beforeAll(async () => {
    fs.writeFileSync(path.join(web.dir, 'index.html'), '<!doctype html><title>kubelab</title>');
    ctx = await createTestApp({ env: { KUBELAB_WEB_DIR: web.dir } });
  });
  afterAll(async () => {
    await ctx.close();
    web.cleanup();
  });

  it.each([
    ['a page', '/', 200],
    ['the API', '/api/labs', 200],
    ['an API error', '/api/gibt-es-nicht', 404],
    ['a health probe', '/healthz', 200],
  ])('sends them with %s', async (_case, url, status) => {
    const { headers } = await ctx.http().get(url).expect(status);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('no-referrer');
    const csp = Object.fromEntries(
      String(headers['content-security-policy'])
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(csp).toMatchObject({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'frame-ancestors': ["'none'"],
    });
  });
});
