import path from 'node:path';
import { PassThrough } from 'node:stream';
import Docker from 'dockerode';
import { dockerAvailable } from '../support/docker.js';
import { ContainerDriver } from '../../src/clusters/container/container.driver.js';
import { SystemClock } from '../../src/common/adapters/clock.js';
import { AppConfigService } from '../../src/config/app-config.js';
import { parseConfig } from '../../src/config/config.schema.js';
import { tempDir } from '../support/temp-dir.js';
import { ensureBusyboxImage, ensureNetlabImage } from '../support/test-images.js';
import { createTestApp, type TestContext } from '../support/test-app.js';

const hasDocker = await dockerAvailable();
const describeWithDocker = hasDocker ? describe : describe.skip;

describeWithDocker('Container environment (e2e, real Docker engine)', () => {
  const docker = new Docker();
  let ctx: TestContext;
  let learner: Awaited<ReturnType<TestContext['newLearner']>>;

  beforeAll(async () => {
    await ensureNetlabImage(docker);
    ctx = await createTestApp({
      env: {
        KUBELAB_LABS_DIR: path.resolve('test/fixtures/container-labs'),
        KUBELAB_DOCKER_HOST: 'unix:///var/run/docker.sock',
      },
    });
    learner = await ctx.newLearner();
  }, 180_000);
  afterAll(() => ctx.close());

  // Every test ends its session, also when it fails, so the next one starts afresh.
  afterEach(async () => {
    const { body } = await ctx.http().get('/api/sessions').set(learner.auth).expect(200);
    for (const session of body as { id: string; status: string }[]) {
      if (session.status === 'ready')
        await ctx.http().delete(`/api/sessions/${session.id}`).set(learner.auth).expect(204);
    }
  });

  async function start(): Promise<{ id: string; name: string }> {
    const session = await ctx.newSession(learner, '01-netz');
    expect(session).toMatchObject({ status: 'ready', message: null });
    return { id: session.id, name: session.cluster!.name };
  }

  async function run(name: string, command: string) {
    const exec = await docker
      .getContainer(name)
      .exec({ Cmd: ['sh', '-c', command], AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({});
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (c: Buffer) => chunks.push(c));
    docker.modem.demuxStream(stream, output, output);
    await new Promise((resolve) => stream.on('end', resolve));
    return {
      exitCode: (await exec.inspect()).ExitCode,
      output: Buffer.concat(chunks).toString('utf8'),
    };
  }

  it('starts one locked-down container on its own internal network, with the lab setup applied', async () => {
    const { name } = await start();
    const info = await docker.getContainer(name).inspect();
    expect(info.Config.Labels).toMatchObject({
      'dev.kubelab.managed': 'true',
      'dev.kubelab.cluster': name,
    });
    expect(info.HostConfig.Privileged).toBe(false);
    expect([...(info.HostConfig.CapAdd ?? [])].sort()).toEqual([
      'NET_ADMIN',
      'NET_RAW',
      'SYS_ADMIN',
    ]);
    expect(info.HostConfig.SecurityOpt).toContain('no-new-privileges');
    expect(info.HostConfig.Memory).toBe(256 * 1024 * 1024);
    expect(info.HostConfig.PidsLimit).toBe(256);
    expect(info.HostConfig.Binds ?? []).toEqual([]);
    expect(info.HostConfig.PortBindings ?? {}).toEqual({});
    expect(Object.keys(info.NetworkSettings.Networks)).toEqual([name]);
    const network = await docker.getNetwork(name).inspect();
    expect(network.Internal).toBe(true);
    expect((await run(name, 'cat /root/setup-marker')).output).toContain('vorbereitet');
  });

  it('lets the learner build namespaces, veth pairs and NAT, and switch on forwarding — but not host sysctls', async () => {
    const { name } = await start();
    expect((await run(name, 'cat /proc/sys/net/ipv4/ip_forward')).output.trim()).toBe('0');
    const steps = [
      'ip netns add pod1',
      'ip link add veth-pod1 type veth peer name eth0 netns pod1',
      'ip link add cni0 type bridge && ip link set veth-pod1 master cni0',
      'iptables -t nat -A POSTROUTING -s 10.244.1.0/24 -j MASQUERADE',
      'echo 1 > /proc/sys/net/ipv4/ip_forward',
      'ip -j route',
    ];
    for (const step of steps) expect(await run(name, step)).toMatchObject({ exitCode: 0 });
    expect((await run(name, 'cat /proc/sys/net/ipv4/ip_forward')).output.trim()).toBe('1');
    expect((await run(name, 'echo 1 > /proc/sys/kernel/sysrq')).exitCode).not.toBe(0);
  });

  it('removes the container and its network when the session ends', async () => {
    const { id, name } = await start();
    await ctx.http().delete(`/api/sessions/${id}`).set(learner.auth).expect(204);
    await expect(docker.getContainer(name).inspect()).rejects.toMatchObject({ statusCode: 404 });
    await expect(docker.getNetwork(name).inspect()).rejects.toMatchObject({ statusCode: 404 });
    const { body } = await ctx.http().get(`/api/sessions/${id}`).set(learner.auth).expect(200);
    expect(body.cluster.status).toBe('deleted');
  });

  it('grades a step in the container lab', async () => {
    const { id } = await start();
    const { body } = await ctx
      .http()
      .post(`/api/sessions/${id}/steps/namespace/check`)
      .set(learner.auth)
      .send({ answers: { name: 'IP  netns list' } })
      .expect(200);
    expect(body.passed).toBe(true);
    await ctx.http().post(`/api/sessions/${id}/finish`).set(learner.auth).expect(200);
  });

  it('fails with a German message when the lab setup fails, retries once and leaves nothing behind', async () => {
    const { body } = await ctx
      .http()
      .post('/api/sessions')
      .set(learner.auth)
      .send({ labId: '02-setup-fehler' })
      .expect(201);
    await ctx.settle();
    const { body: session } = await ctx
      .http()
      .get(`/api/sessions/${body.id}`)
      .set(learner.auth)
      .expect(200);
    expect(session).toMatchObject({
      status: 'failed',
      message:
        'Die Ausgangslage der Übung konnte nicht hergestellt werden. Bitte versuche es noch einmal.',
    });
    const name = session.cluster.name as string;
    const row = await ctx.prisma.cluster.findFirstOrThrow({ where: { name } });
    expect(row.error).toContain('kaputt');
    await expect(docker.getContainer(name).inspect()).rejects.toMatchObject({ statusCode: 404 });
    await expect(docker.getNetwork(name).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });
});

describeWithDocker('Start-up reconciliation (e2e, real Docker engine)', () => {
  const docker = new Docker();
  const instance = `rec-${Date.now().toString(36)}`;
  const db = tempDir('kubelab-reconcile-');
  const env = {
    DATABASE_URL: `file:${path.join(db.dir, 'kubelab.db')}`,
    KUBELAB_LABS_DIR: path.resolve('test/fixtures/container-labs'),
    KUBELAB_DOCKER_HOST: 'unix:///var/run/docker.sock',
    KUBELAB_INSTANCE: instance,
    KUBELAB_RECONCILE: 'true',
  };
  // Only the container driver: other test files' kind-labelled containers are not ours to judge.
  const containerOnly = () => [
    new ContainerDriver(new AppConfigService(parseConfig(env)), new SystemClock()),
  ];
  afterAll(async () => {
    const left = await docker.listContainers({
      all: true,
      filters: { label: [`dev.kubelab.instance=${instance}`] },
    });
    await Promise.all(left.map((c) => docker.getContainer(c.Id).remove({ force: true })));
    db.cleanup();
  });

  it('deletes orphans, keeps what live sessions own and expires sessions whose container vanished', async () => {
    await ensureNetlabImage(docker);
    const first = await createTestApp({ env, drivers: containerOnly() });
    const anna = await first.newLearner('Anna');
    const ben = await first.newLearner('Ben');
    const start = async (who: typeof anna) => {
      const { body } = await first
        .http()
        .post('/api/sessions')
        .set(who.auth)
        .send({ labId: '01-netz' })
        .expect(201);
      await first.settle();
      return (await first.http().get(`/api/sessions/${body.id}`).set(who.auth).expect(200))
        .body as {
        id: string;
        cluster: { name: string };
      };
    };
    const kept = await start(anna);
    const vanished = await start(ben);
    await first.close();

    const orphan = `kl-orphan${Date.now().toString(36)}`;
    const stray = await docker.createContainer({
      name: orphan,
      Image: await ensureBusyboxImage(docker),
      Cmd: ['sleep', '3600'],
      Labels: {
        'dev.kubelab.managed': 'true',
        'dev.kubelab.instance': instance,
        'dev.kubelab.cluster': orphan,
      },
    });
    await stray.start();
    await docker.getContainer(vanished.cluster.name).remove({ force: true });

    const second = await createTestApp({ env, drivers: containerOnly() });
    try {
      await second.settle();
      await expect(docker.getContainer(orphan).inspect()).rejects.toMatchObject({
        statusCode: 404,
      });
      await expect(docker.getContainer(kept.cluster.name).inspect()).resolves.toBeDefined();
      await expect(docker.getNetwork(vanished.cluster.name).inspect()).rejects.toMatchObject({
        statusCode: 404,
      });
      const annaSession = await second
        .http()
        .get(`/api/sessions/${kept.id}`)
        .set(anna.auth)
        .expect(200);
      expect(annaSession.body.status).toBe('ready');
      const benSession = await second
        .http()
        .get(`/api/sessions/${vanished.id}`)
        .set(ben.auth)
        .expect(200);
      expect(benSession.body).toMatchObject({
        status: 'expired',
        message: expect.stringContaining('nicht mehr vorhanden'),
      });
      await second.http().delete(`/api/sessions/${kept.id}`).set(anna.auth).expect(204);
    } finally {
      await second.close();
    }
  }, 120_000);
});
