import path from 'node:path';
import Docker from 'dockerode';
import { execa } from 'execa';
import type {
  EnvironmentCreateSpec,
  EnvironmentInfo,
  ProvisionProgress,
} from '../../src/clusters/environment-driver.js';
import type { EnvironmentHandle } from '../../src/clusters/environment-handle.js';
import { KindToolboxes } from '../../src/clusters/kind/kind-toolbox.js';
import { KindDriver } from '../../src/clusters/kind/kind.driver.js';
import { reportOf, type PreflightReport } from '../../src/clusters/preflight/preflight.types.js';
import { SystemClock } from '../../src/common/adapters/clock.js';
import { AppConfigService } from '../../src/config/app-config.js';
import { parseConfig } from '../../src/config/config.schema.js';
import { SessionReaper } from '../../src/sessions/session-reaper.js';
import { describeWithDocker } from '../support/describe-with-docker.js';
import { FakeKind } from '../support/fake-kind/fake-kind.js';
import { tempDir } from '../support/temp-dir.js';
import { createTestApp, type TestContext } from '../support/test-app.js';
import { ensureBusyboxImage, ensureToolboxImage } from '../support/test-images.js';
import { TerminalClients } from '../support/terminal-clients.js';

const DOCKER = 'unix:///var/run/docker.sock';

/**
 * The real kind driver over the stand-in kind (busybox nodes on the cluster's network), with
 * the real toolbox. Its preflight is taken as met: what decides availability (the toolbox
 * image's kubectl) is tested in kind-toolbox.int-spec.ts, and CI's toolbox has no kubectl. It
 * lists only what this file made: other test files' and other servers' clusters on this
 * engine are not this file's to reconcile.
 */
class StandInKindDriver extends KindDriver {
  readonly mine = new Set<string>();

  override preflight(): Promise<PreflightReport> {
    return Promise.resolve(
      reportOf([{ id: 'docker', label: 'Docker engine', required: true, ok: true }], new Date()),
    );
  }

  override create(
    spec: EnvironmentCreateSpec,
    onProgress?: (p: ProvisionProgress) => void,
  ): Promise<EnvironmentHandle> {
    this.mine.add(spec.name);
    return super.create(spec, onProgress);
  }

  override async list(dockerEndpoint: string): Promise<EnvironmentInfo[]> {
    return (await super.list(dockerEndpoint)).filter((c) => this.mine.has(c.name));
  }
}

/**
 * KUBELAB_MODE=shared with a kind lab: the terminal opens in the cluster's toolbox as the
 * learner (uid 1000, `$`), with shell integration and transcript as in local mode; node
 * shells stay refused; ending the session removes the toolbox, and start-up reconciliation
 * removes one whose cluster is gone.
 */
describeWithDocker(
  'Terminals of kind labs in shared mode: the toolbox (e2e, real Docker engine)',
  () => {
    const docker = new Docker();
    const stamp = Date.now().toString(36);
    const instance = `tbx-${stamp}`;
    const tmp = tempDir('kubelab-toolbox-e2e-');
    let ctx: TestContext;
    let driver: StandInKindDriver;
    const terminals = new TerminalClients();

    const toolboxExists = (cluster: string) =>
      docker
        .getContainer(`${cluster}-toolbox`)
        .inspect()
        .then(
          () => true,
          () => false,
        );

    beforeAll(async () => {
      const busybox = await ensureBusyboxImage(docker);
      await ensureToolboxImage(docker);
      const kind = new FakeKind(tmp.dir);
      kind.play({ create: { nodeImage: busybox } });
      const env = {
        KUBELAB_MODE: 'shared',
        KUBELAB_DOCKER_HOST: DOCKER,
        KUBELAB_INSTANCE: instance,
        KUBELAB_KIND_BIN: kind.bin,
        KUBELAB_KIND_NODE_IMAGE: busybox,
        KUBELAB_CLUSTER_DIR: path.join(tmp.dir, 'clusters'),
      };
      driver = new StandInKindDriver(new AppConfigService(parseConfig(env)), new SystemClock());
      ctx = await createTestApp({ env, drivers: [driver] });
      await terminals.listen(ctx);
    }, 300_000);

    afterEach(async () => {
      await terminals.closeAll(ctx);
    });

    afterAll(async () => {
      await ctx?.close();
      for (const name of driver?.mine ?? [])
        await driver.destroy(name, DOCKER).catch(() => undefined);
      tmp.cleanup();
    }, 60_000);

    async function transcript(sessionId: string, command: string) {
      const read = () =>
        ctx.prisma.transcriptEntry.findMany({ where: { sessionId }, orderBy: { seq: 'asc' } });
      let rows = await read();
      // The transcript is written behind the terminal: wait for the row.
      for (let i = 0; i < 100 && !rows.some((r) => r.command === command && r.finishedAt); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        rows = await read();
      }
      return rows.map((r) => ({ command: r.command, exitCode: r.exitCode }));
    }

    it('opens the toolbox as the learner and records commands with their exit codes', async () => {
      const learner = await ctx.newLearner('Toni');
      const session = await ctx.newSession(learner, '01-quiz');
      expect(session.status).toBe('ready');
      const cluster = session.cluster!.name;
      expect(await toolboxExists(cluster)).toBe(true);

      const client = await terminals.connect();
      await client.open({ token: learner.token, sessionId: session.id });
      await client.waitForText(new RegExp(`${cluster}:toolbox \\$ $`));
      client.type('id -u; echo "$KUBECONFIG"\r');
      await client.waitForText(/\r1000\r\n\/home\/lernender\/\.kube\/config\r\n/);
      client.type('ls /nirgends\r');
      await client.waitForText(/nirgends.*\r\n.*\$ $/s);

      expect(await transcript(session.id, 'ls /nirgends')).toEqual([
        { command: 'id -u; echo "$KUBECONFIG"', exitCode: 0 },
        { command: 'ls /nirgends', exitCode: 2 },
      ]);
    }, 60_000);

    it('puts the knoten credentials of the session into the toolbox, readable by the learner only', async () => {
      const learner = await ctx.newLearner('Kira');
      const session = await ctx.newSession(learner, '01-quiz');
      const toolbox = `${session.cluster!.name}-toolbox`;
      const read = (user: string, file: string) =>
        execa('docker', ['exec', '-u', user, toolbox, 'cat', file], { reject: false });
      const url = await read('1000', '/run/kubelab/knoten-url');
      expect(url.stdout).toMatch(/^http:\/\/[\d.]+:\d+$/);
      const token = (await read('1000', '/run/kubelab/knoten-token')).stdout;
      expect((await read('1001', '/run/kubelab/knoten-token')).exitCode).not.toBe(0);
      // The token is this session's: the server answers it (with the list, asked for nothing).
      const answer = await ctx
        .http()
        .post('/api/toolbox/knoten')
        .set('Authorization', `Bearer ${token}`)
        .type('form')
        .send('arg=--help')
        .expect(200);
      expect(answer.text).toMatch(/knoten <Knoten> <Befehl>/);
    }, 60_000);

    it('still refuses a node of the cluster by name: no node shell in shared mode', async () => {
      const learner = await ctx.newLearner('Nele');
      const session = await ctx.newSession(learner, '01-quiz');
      const client = await terminals.askForNode(learner, session.id, 'control-plane');
      expect(client.controls).toEqual([
        { type: 'error', code: 'TARGET_NOT_ALLOWED', message: expect.any(String) },
      ]);
      expect(client.bytesReceived).toBe(0);
    }, 60_000);

    it('removes the toolbox with the environment when the session ends', async () => {
      const learner = await ctx.newLearner('Emil');
      const session = await ctx.newSession(learner, '01-quiz');
      const cluster = session.cluster!.name;
      expect(await toolboxExists(cluster)).toBe(true);
      await ctx.http().delete(`/api/sessions/${session.id}`).set(learner.auth).expect(204);
      await ctx.settle();
      let exists = true;
      for (let i = 0; i < 100 && (exists = await toolboxExists(cluster)); i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(exists).toBe(false);
    }, 60_000);

    it('removes at reconciliation a toolbox whose cluster is gone, and keeps a live session’s', async () => {
      const learner = await ctx.newLearner('Ida');
      const session = await ctx.newSession(learner, '01-quiz');
      const live = session.cluster!.name;
      const orphan = `kl-orphan${stamp}`;
      await docker.createNetwork({ Name: orphan });
      driver.mine.add(orphan);
      await new KindToolboxes(docker).start(orphan, {
        image: 'kubelab/toolbox:1',
        memoryMb: 64,
        pidsLimit: 32,
        instance,
      });

      await ctx.app.get(SessionReaper).reconcile();

      expect(await toolboxExists(orphan)).toBe(false);
      expect((await docker.listNetworks({ filters: { name: [orphan] } })).length).toBe(0);
      expect(await toolboxExists(live)).toBe(true);
      expect((await ctx.session(learner, session.id)).status).toBe('ready');
    }, 60_000);
  },
);
