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
        // kind's own default: the node image is not checked (its own test is below).
        KUBELAB_KIND_NODE_IMAGE: '',
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

  it('is not ok when the node image is not on the engine, and says how to get it', async () => {
    const config = new AppConfigService(
      parseConfig({
        KUBELAB_KIND_BIN: fakeKind('v0.33.0'),
        KUBELAB_DOCKER_HOST: 'unix:///var/run/docker.sock',
        KUBELAB_KIND_NODE_IMAGE: 'kubelab/no-such-node:v0',
      }),
    );
    const report = await new KindDriver(config, new SystemClock()).preflight();
    expect(report.items.filter((i) => i.required && !i.ok)).toEqual([
      expect.objectContaining({
        id: 'kind-node-image',
        fixDe: expect.stringContaining('docker pull kubelab/no-such-node:v0'),
      }),
    ]);
  });

  it('refuses to start a lab with a reason about kind alone', async () => {
    const ctx = await createTestApp({
      env: {
        KUBELAB_DOCKER_HOST: 'unix:///var/run/docker.sock',
        KUBELAB_KIND_BIN: path.join(tmp.dir, 'no-kind'),
        KUBELAB_KIND_NODE_IMAGE: '',
      },
    });
    try {
      const learner = await ctx.newLearner();
      const { body } = await ctx.startSessionRequest(learner, '01-quiz').expect(409);
      expect(body.code).toBe('LAB_UNAVAILABLE');
      expect(body.message).toMatch(/^Auf diesem Server fehlt kind/);
      expect(body.message).not.toContain('Docker');
    } finally {
      await ctx.close();
    }
  });
});
