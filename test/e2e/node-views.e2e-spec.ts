import { execFile } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { NodeViewTokensService } from '../../src/node-views/node-view-tokens.service.js';
import { describeWithDocker } from '../support/describe-with-docker.js';
import { DockerContainerDriver } from '../support/docker-container-driver.js';
import { tempDir } from '../support/temp-dir.js';
import { createTestApp, type TestContext } from '../support/test-app.js';
import { ensureNetlabImage } from '../support/test-images.js';

const DOCKER = 'unix:///var/run/docker.sock';
const KNOTEN = path.resolve('docker/toolbox/knoten');

/**
 * `knoten` in shared mode: the toolbox's script posts the learner's words, the server runs an
 * allow-listed read-only command in the named node with its own access. The "nodes" here are
 * real containers (the kind stand-in), the script is the one the toolbox image carries, run
 * with curl as in the toolbox.
 */
describeWithDocker('knoten: node views for shared mode (e2e, real Docker engine)', () => {
  const labs = tempDir('kubelab-knoten-labs-');
  const files = tempDir('kubelab-knoten-run-');
  let ctx: TestContext;
  let kindStandIn: DockerContainerDriver;
  let baseUrl: string;

  beforeAll(async () => {
    const image = await ensureNetlabImage();
    fs.cpSync(path.resolve('test/fixtures/labs/01-quiz'), path.join(labs.dir, '01-quiz'), {
      recursive: true,
    });
    kindStandIn = new DockerContainerDriver(image, ['control-plane', 'worker']);
    ctx = await createTestApp({
      env: { KUBELAB_MODE: 'shared', KUBELAB_DOCKER_HOST: DOCKER, KUBELAB_LABS_DIR: labs.dir },
      drivers: [kindStandIn],
    });
    await ctx.app.listen(0, '127.0.0.1');
    const { port } = ctx.app.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
  }, 300_000);

  afterAll(async () => {
    await ctx?.close();
    await kindStandIn?.destroyAll(DOCKER);
    labs.cleanup();
    files.cleanup();
  }, 60_000);

  async function sessionWithToken(name: string) {
    const learner = await ctx.newLearner(name);
    const session = await ctx.newSession(learner, '01-quiz');
    expect(session.status).toBe('ready');
    const token = await ctx.app.get(NodeViewTokensService).issue(session.id);
    return { learner, session, token };
  }

  /** The toolbox's script, with its two files where the access setup writes them in a toolbox. */
  async function knoten(token: string, ...words: string[]) {
    const dir = fs.mkdtempSync(path.join(files.dir, 'run-'));
    fs.writeFileSync(path.join(dir, 'knoten-url'), baseUrl);
    fs.writeFileSync(path.join(dir, 'knoten-token'), token);
    const script = fs
      .readFileSync(KNOTEN, 'utf8')
      .replaceAll('/run/kubelab/knoten-url', path.join(dir, 'knoten-url'))
      .replaceAll('/run/kubelab/knoten-token', path.join(dir, 'knoten-token'));
    try {
      const { stdout, stderr } = await promisify(execFile)('sh', [
        '-c',
        script,
        'knoten',
        ...words,
      ]);
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('runs an allowed command in the node the learner names, with its output and exit code', async () => {
    const { session, token } = await sessionWithToken('Kai');
    const cluster = (
      await ctx.prisma.labSession.findUniqueOrThrow({
        where: { id: session.id },
        include: { cluster: true },
      })
    ).cluster!;
    const handle = await kindStandIn.handle(cluster.name, DOCKER);
    await handle.execInNode(`${cluster.name}-worker`, [
      'sh',
      '-c',
      'mkdir -p /etc/cni/net.d && echo "{\\"name\\": \\"kindnet\\"}" > /etc/cni/net.d/10-kindnet.conflist',
    ]);
    const ran = await knoten(token, 'worker', 'cat', '/etc/cni/net.d/10-kindnet.conflist');
    expect(ran).toEqual({ code: 0, stdout: '{"name": "kindnet"}\n', stderr: '' });
    // The same file is not on the control plane: the command ran in the node the learner named.
    const elsewhere = await knoten(
      token,
      'control-plane',
      'cat',
      '/etc/cni/net.d/10-kindnet.conflist',
    );
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stdout).toMatch(/^cat: \/etc\/cni\/net.d\/10-kindnet.conflist: /);

    const json = await knoten(token, 'control-plane', 'ip', '-j', 'addr', 'show', 'dev', 'lo');
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ ifname: 'lo' })]);
  });

  it('refuses a command off the list in German, with the list, and runs nothing', async () => {
    const { token } = await sessionWithToken('Lio');
    const refused = await knoten(token, 'worker', 'sh', '-c', 'touch /tmp/war-hier');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('„sh“ führt knoten nicht aus');
    expect(refused.stderr).toContain('iptables-save [-c] [-t nat|filter|mangle|raw]');
    const written = await knoten(token, 'worker', 'cat', '/tmp/war-hier');
    expect(written.stderr).toContain('Datei „/tmp/war-hier“');

    const flush = await knoten(token, 'worker', 'conntrack', '-F');
    expect(flush).toMatchObject({ code: 2, stderr: expect.stringContaining('nur mit -L') });
  });

  it('names the nodes there are when the learner names one that is not', async () => {
    const { token } = await sessionWithToken('Mo');
    const missing = await knoten(token, 'worker7', 'ip', 'route');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Den Knoten „worker7“ gibt es in deinem Cluster nicht');
    expect(missing.stderr).toContain('control-plane, worker');
  });

  it('prints its help for knoten alone', async () => {
    const { token } = await sessionWithToken('Nia');
    const help = await knoten(token);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('knoten <Knoten> <Befehl>');
  });

  it('answers nothing to an unknown token or an ended session', async () => {
    const unknown = await knoten('klt_nicht-echt', 'worker', 'ip', 'route');
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain('knoten kennt diese Sitzung nicht');

    const { learner, session, token } = await sessionWithToken('Ole');
    await ctx.http().delete(`/api/sessions/${session.id}`).set(learner.auth).expect(204);
    const ended = await knoten(token, 'worker', 'ip', 'route');
    expect(ended.stderr).toContain('knoten kennt diese Sitzung nicht');

    // A learner's own bearer token is not a toolbox token.
    const other = await sessionWithToken('Pia');
    const { status } = await ctx
      .http()
      .post('/api/toolbox/knoten')
      .set(other.learner.auth)
      .type('form')
      .send('arg=worker&arg=ip&arg=route');
    expect(status).toBe(401);
  });

  it('a new token replaces the old one', async () => {
    const { session, token } = await sessionWithToken('Quinn');
    const fresh = await ctx.app.get(NodeViewTokensService).issue(session.id);
    expect((await knoten(token, 'worker', 'ip', 'route')).code).toBe(2);
    expect((await knoten(fresh, 'worker', 'ip', 'route')).code).toBe(0);
  });
});
