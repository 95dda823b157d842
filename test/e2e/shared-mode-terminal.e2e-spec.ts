import fs from 'node:fs';
import path from 'node:path';
import { ContainerDriver } from '../../src/clusters/container/container.driver.js';
import { SystemClock } from '../../src/common/adapters/clock.js';
import { AppConfigService } from '../../src/config/app-config.js';
import { parseConfig } from '../../src/config/config.schema.js';
import { describeWithDocker } from '../support/describe-with-docker.js';
import { DockerContainerDriver } from '../support/docker-container-driver.js';
import { tempDir } from '../support/temp-dir.js';
import { createTestApp, type TestContext } from '../support/test-app.js';
import { ensureNetlabImage } from '../support/test-images.js';
import { TerminalClients } from '../support/terminal-clients.js';

const DOCKER = 'unix:///var/run/docker.sock';

/**
 * KUBELAB_MODE=shared: a learner gets only a shell that holds no privilege of the host. A
 * container environment's world is one (with transcript, as in local mode); a kind node is a
 * privileged container, so a kind environment without a toolbox (shared-mode-toolbox.e2e-spec.ts)
 * has no terminal, never a fallback to a node.
 */
describeWithDocker('Terminals in shared mode (e2e, real Docker engine)', () => {
  const labs = tempDir('kubelab-shared-labs-');
  let ctx: TestContext;
  let kindStandIn: DockerContainerDriver;
  const terminals = new TerminalClients();

  beforeAll(async () => {
    const image = await ensureNetlabImage();
    fs.cpSync(
      path.resolve('test/fixtures/container-labs/01-netz'),
      path.join(labs.dir, '01-netz'),
      {
        recursive: true,
      },
    );
    fs.cpSync(path.resolve('test/fixtures/labs/01-quiz'), path.join(labs.dir, '01-quiz'), {
      recursive: true,
    });
    const env = {
      KUBELAB_MODE: 'shared',
      KUBELAB_DOCKER_HOST: DOCKER,
      KUBELAB_LABS_DIR: labs.dir,
    };
    kindStandIn = new DockerContainerDriver(image, ['control-plane']);
    ctx = await createTestApp({
      env,
      drivers: [
        kindStandIn,
        new ContainerDriver(new AppConfigService(parseConfig(env)), new SystemClock()),
      ],
    });
    await terminals.listen(ctx);
  }, 300_000);

  afterEach(async () => {
    await terminals.closeAll(ctx);
  });

  afterAll(async () => {
    await ctx?.close();
    await kindStandIn?.destroyAll(DOCKER);
    labs.cleanup();
  }, 60_000);

  it("opens the container environment's world, with the transcript recorded", async () => {
    const learner = await ctx.newLearner('Sina');
    const session = await ctx.newSession(learner, '01-netz');
    expect(session.status).toBe('ready');
    const client = await terminals.connect();
    await client.open({ token: learner.token, sessionId: session.id });
    await client.waitForText(/control-plane # $/);
    client.type('id -u; cat /proc/self/uid_map\r');
    await client.waitForText(/0\s+1000\s+1/);
    await client.waitForText(/# $/);

    const { body } = await ctx
      .http()
      .get(`/api/sessions/${session.id}`)
      .set(learner.auth)
      .expect(200);
    expect(body.status).toBe('ready');
    // The transcript is written behind the terminal: wait for the row.
    let commands: string[] = [];
    const read = async () =>
      (commands = (
        await ctx.prisma.transcriptEntry.findMany({ where: { sessionId: session.id } })
      ).map((r) => r.command));
    for (let i = 0; i < 100 && !(await read()).includes('id -u; cat /proc/self/uid_map'); i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(commands).toContain('id -u; cat /proc/self/uid_map');
  });

  it("gives a second browser the learner's live world shell, not a second one", async () => {
    const learner = await ctx.newLearner('Uli');
    const session = await ctx.newSession(learner, '01-netz');
    const first = await terminals.connect();
    const id = await first.open({ token: learner.token, sessionId: session.id, resume: true });
    first.type('echo erste-sitzung\r');
    await first.waitForText(/\rerste-sitzung\r\n.*# $/s);
    const second = await terminals.connect();
    expect(await second.open({ token: learner.token, sessionId: session.id, resume: true })).toBe(
      id,
    );
    await second.waitForText(/\rerste-sitzung\r\n/);
    expect((await first.closed).code).toBe(4409);
  });

  it('refuses a node of the container environment by name, as every explicit target', async () => {
    const learner = await ctx.newLearner('Timo');
    const session = await ctx.newSession(learner, '01-netz');
    const client = await terminals.askForNode(learner, session.id, 'control-plane');
    expect(client.controls).toEqual([
      { type: 'error', code: 'TARGET_NOT_ALLOWED', message: expect.any(String) },
    ]);
  });

  it('opens no terminal in a kind environment without a toolbox, in German, and never a node shell instead', async () => {
    const learner = await ctx.newLearner('Uwe');
    const session = await ctx.newSession(learner, '01-quiz');
    expect(session.status).toBe('ready');
    const client = await terminals.connect();
    client.hello({ token: learner.token, sessionId: session.id });
    const closed = await client.closed;
    expect(client.controls).toEqual([
      {
        type: 'error',
        code: 'NO_SAFE_SHELL',
        message: expect.stringContaining('Zugriff auf den ganzen Server') as unknown,
      },
    ]);
    expect(closed.code).toBe(4422);
    expect(client.bytesReceived).toBe(0);
  });
});
