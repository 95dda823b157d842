import fs from 'node:fs';
import path from 'node:path';
import { KindDriver } from '../../src/clusters/kind/kind.driver.js';
import { SystemClock } from '../../src/common/adapters/clock.js';
import { AppConfigService } from '../../src/config/app-config.js';
import { parseConfig } from '../../src/config/config.schema.js';
import { describeWithDocker } from '../support/describe-with-docker.js';
import { createTestApp } from '../support/test-app.js';
import { tempDir } from '../support/temp-dir.js';

describeWithDocker('KindDriver.preflight against a real Docker engine', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  function fakeKind(version: string): string {
    const bin = path.join(tmp.dir, `kind-${version}`);
    fs.writeFileSync(bin, `#!/bin/sh\necho "kind ${version} go1.23.4 linux/amd64"\n`, {
      mode: 0o755,
    });
    return bin;
  }

  function driver(kindBin: string): KindDriver {
    const config = new AppConfigService(
      parseConfig({
        KUBELAB_KIND_BIN: kindBin,
        KUBELAB_DOCKER_HOST: 'unix:///var/run/docker.sock',
      }),
    );
    return new KindDriver(config, new SystemClock());
  }

  it('is ok with Docker and a recent kind, and reports their versions', async () => {
    const report = await driver(fakeKind('v0.27.0')).preflight();
    const byId = Object.fromEntries(report.items.map((i) => [i.id, i]));
    expect(report.ok).toBe(true);
    expect(byId.docker).toMatchObject({ ok: true, found: expect.stringMatching(/^\d+\.\d+/) });
    expect(byId.kind).toMatchObject({ ok: true, found: 'v0.27.0' });
    expect(byId['kind-network-policy']).toMatchObject({ ok: true });
  });

  it('is not ok when only kind is missing, and names only kind', async () => {
    const report = await driver(path.join(tmp.dir, 'no-kind')).preflight();
    expect(report.ok).toBe(false);
    expect(report.items.filter((i) => i.required && !i.ok).map((i) => i.id)).toEqual(['kind']);
  });

  it('makes a session unavailable with a message about kind alone', async () => {
    const ctx = await createTestApp({
      env: {
        KUBELAB_DOCKER_HOST: 'unix:///var/run/docker.sock',
        KUBELAB_KIND_BIN: path.join(tmp.dir, 'no-kind'),
      },
    });
    try {
      const learner = await ctx.newLearner();
      const session = await ctx.newSession(learner);
      expect(session.status).toBe('unavailable');
      expect(session.message).toContain('Das Programm kind');
      expect(session.message).not.toContain('Docker-Engine');
    } finally {
      await ctx.close();
    }
  });
});
