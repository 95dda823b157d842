import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import Docker from 'dockerode';
import { describeWithDocker } from '../support/describe-with-docker.js';
import { reconcilingContainerApp } from '../support/reconciling-app.js';
import { tempDir } from '../support/temp-dir.js';
import { ensureBusyboxImage, ensureNetlabImage } from '../support/test-images.js';
import { createContainerLabApp } from '../support/container-lab-app.js';
import { createTestApp, type TestContext } from '../support/test-app.js';

describeWithDocker('Container environment (e2e, real Docker engine)', () => {
  const docker = new Docker();
  let ctx: TestContext;
  let learner: Awaited<ReturnType<TestContext['newLearner']>>;

  beforeAll(async () => {
    ctx = await createContainerLabApp(docker, path.resolve('test/fixtures/container-labs'));
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

  /** A command in the container itself, outside the learner's world (as the container's user). */
  async function runOutside(name: string, command: string) {
    return execIn(name, ['sh', '-c', command]);
  }

  /** A command in the learner's world, as grading runs it. */
  async function run(name: string, command: string) {
    return execIn(name, ['/usr/local/lib/kubelab/enter-world', '--', 'sh', '-c', command]);
  }

  /** A command as the learner's terminal runs it (also inside the world's pid namespace). */
  async function runAsLearner(name: string, command: string) {
    return execIn(name, [
      '/usr/local/lib/kubelab/enter-world',
      '--terminal',
      '--',
      'sh',
      '-c',
      command,
    ]);
  }

  async function execIn(name: string, cmd: string[]) {
    const exec = await docker
      .getContainer(name)
      .exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
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

  it('starts a container without any privilege of the host: non-root, no capabilities, no network, read-only', async () => {
    const { name } = await start();
    const info = await docker.getContainer(name).inspect();
    expect(info.Config.Labels).toMatchObject({
      'dev.kubelab.managed': 'true',
      'dev.kubelab.cluster': name,
    });
    expect(info.Config.User).toBe('1000:1000');
    expect(info.HostConfig.Privileged).toBe(false);
    expect(info.HostConfig.CapAdd ?? []).toEqual([]);
    expect(info.HostConfig.CapDrop).toEqual(['ALL']);
    expect(info.HostConfig.SecurityOpt).toContain('no-new-privileges');
    // A profile of our own (Docker's default plus user namespaces), never "unconfined".
    const seccomp = (info.HostConfig.SecurityOpt ?? []).find((o: string) =>
      o.startsWith('seccomp='),
    );
    expect(seccomp).toBeDefined();
    expect(seccomp).not.toContain('unconfined');
    expect(info.HostConfig.ReadonlyRootfs).toBe(true);
    expect(info.HostConfig.Memory).toBe(256 * 1024 * 1024);
    expect(info.HostConfig.PidsLimit).toBe(256);
    expect(info.HostConfig.Binds ?? []).toEqual([]);
    expect(info.HostConfig.PortBindings ?? {}).toEqual({});
    expect(info.HostConfig.NetworkMode).toBe('none');
    await expect(docker.getNetwork(name).inspect()).rejects.toMatchObject({ statusCode: 404 });

    // Every process of the container: uid 1000; outside the world's user namespace (where
    // capabilities would count for the host) none at all.
    const status = await runOutside(
      name,
      'for p in /proc/[0-9]*; do grep "^Uid:" "$p/status"; ' +
        '[ "$(readlink "$p/ns/user")" = "$(readlink /proc/self/ns/user)" ] && grep -E "^Cap(Eff|Prm|Bnd):" "$p/status"; done',
    );
    const lines = status.output.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const line of lines.filter((l) => l.startsWith('Uid:'))) {
      expect(line.split(/\s+/).slice(1)).toEqual(['1000', '1000', '1000', '1000']);
    }
    for (const line of lines.filter((l) => l.startsWith('Cap'))) {
      expect(line).toMatch(/:\s+0000000000000000$/);
    }
  });

  it("is root in the learner's world only: the world's root is uid 1000 outside", async () => {
    const { name } = await start();
    const inside = await runAsLearner(
      name,
      'id -u; cat /proc/self/uid_map; cat /root/setup-marker',
    );
    expect(inside.exitCode).toBe(0);
    const [uid, map, marker] = inside.output.trim().split('\n');
    expect(uid).toBe('0');
    expect(map.trim().split(/\s+/)).toEqual(['0', '1000', '1']);
    expect(marker).toBe('vorbereitet');
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
    for (const step of steps) expect(await runAsLearner(name, step)).toMatchObject({ exitCode: 0 });
    expect((await run(name, 'cat /proc/sys/net/ipv4/ip_forward')).output.trim()).toBe('1');
    expect((await run(name, 'iptables-save -t nat')).output).toContain(
      '-A POSTROUTING -s 10.244.1.0/24 -j MASQUERADE',
    );
    expect((await runAsLearner(name, 'echo 1 > /proc/sys/kernel/sysrq')).exitCode).not.toBe(0);
    // The world's forwarding switch is the world's: the container around it is untouched.
    expect((await runOutside(name, 'cat /proc/sys/net/ipv4/ip_forward')).output.trim()).not.toBe(
      '',
    );
  });

  it("keeps the image's programs out of the learner's reach, and grading notices a mount over one", async () => {
    const { id, name } = await start();
    const owner = await runAsLearner(
      name,
      'stat -L -c %U /usr/bin/ip /bin/sh /usr/sbin/iptables-save',
    );
    expect(owner.output.trim().split('\n')).toEqual(['nobody', 'nobody', 'nobody']);
    const replace = await runAsLearner(name, 'cp /bin/true /usr/bin/ip');
    expect(replace.exitCode).not.toBe(0);

    const fake = await runAsLearner(
      name,
      'printf \'#!/bin/sh\\necho [{\\"ifname\\":\\"lo\\"}]\\n\' > /tmp/ip && chmod +x /tmp/ip && mount --bind /tmp/ip /usr/bin/ip',
    );
    expect(fake.exitCode).toBe(0);
    const body = await ctx.check(learner, id, 'namespace', { answers: { name: 'ip netns list' } });
    expect(body.passed).toBe(false);
    const check = (body.checks as { id: string; status: string; message: string }[]).find(
      (c) => c.id === 'lo-da',
    );
    expect(check).toMatchObject({ status: 'error' });
    expect(check!.message).toContain('„/usr/bin/ip“');
    expect(check!.message).toContain('umount');

    // Undone, the same check judges again.
    expect((await runAsLearner(name, 'umount /usr/bin/ip')).exitCode).toBe(0);
    const again = await ctx.check(learner, id, 'namespace', { answers: { name: 'ip netns list' } });
    expect(again.passed).toBe(true);
  });

  it('reaches neither the host, nor its Docker API, nor another environment', async () => {
    const host = http.createServer((_req, res) => res.end('host'));
    await new Promise<void>((resolve) => host.listen(0, '0.0.0.0', resolve));
    const port = (host.address() as AddressInfo).port;
    try {
      const bridge = (await docker.getNetwork('bridge').inspect()) as {
        IPAM: { Config: { Gateway: string }[] };
      };
      const gateway = bridge.IPAM.Config[0].Gateway;
      const first = await start();
      const otherLearner = await ctx.newLearner('Otto');
      const other = await ctx.newSession(otherLearner, '01-netz');
      const probes = [
        `curl -s -m 3 http://${gateway}:${port}/`,
        `curl -s -m 3 http://127.0.0.1:${port}/`,
        'test -S /var/run/docker.sock || test -S /run/docker.sock',
      ];
      for (const probe of probes) {
        const result = await runAsLearner(first.name, probe);
        expect({ probe, failed: result.exitCode !== 0 }).toEqual({ probe, failed: true });
        expect(result.output).not.toContain('host');
      }
      // The node's uplink eth0 ends in a namespace of the world itself: no way out at all.
      const route = await runAsLearner(first.name, `ip route get ${gateway}`);
      expect(route.output).toContain('dev eth0');
      const gatewayReply = await runAsLearner(first.name, 'ping -c 1 -W 2 172.18.0.1');
      expect(gatewayReply.exitCode).toBe(0);
      const otherLinks = await run(other.cluster!.name, 'ip -o link show | wc -l');
      expect(otherLinks.output.trim()).toBe('2');
      await ctx.http().delete(`/api/sessions/${other.id}`).set(otherLearner.auth).expect(204);
    } finally {
      host.close();
    }
  });

  it('survives the learner killing everything they can see', async () => {
    const { name } = await start();
    await runAsLearner(name, 'kill -9 -1; kill -TERM 1; kill -9 1; true');
    const after = await run(name, 'ip -j link show lo');
    expect(after.exitCode).toBe(0);
    expect(JSON.parse(after.output)).toEqual([expect.objectContaining({ ifname: 'lo' })]);
  });

  it('removes the container when the session ends', async () => {
    const { id, name } = await start();
    await ctx.http().delete(`/api/sessions/${id}`).set(learner.auth).expect(204);
    await expect(docker.getContainer(name).inspect()).rejects.toMatchObject({ statusCode: 404 });
    const { body } = await ctx.http().get(`/api/sessions/${id}`).set(learner.auth).expect(200);
    expect(body.cluster.status).toBe('deleted');
  });

  it('grades a step in the container lab', async () => {
    const { id } = await start();
    const body = await ctx.check(learner, id, 'namespace', { answers: { name: 'IP  netns list' } });
    expect(body.passed).toBe(true);
    await ctx.http().post(`/api/sessions/${id}/finish`).set(learner.auth).expect(200);
  });

  it('fails with a German message when the lab setup fails, retries once and leaves nothing behind', async () => {
    const session = await ctx.newSession(learner, '02-setup-fehler');
    expect(session).toMatchObject({
      status: 'failed',
      message:
        'Die Ausgangslage der Übung konnte nicht hergestellt werden. Bitte versuche es noch einmal.',
    });
    const name = session.cluster!.name;
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
  const { env, containerOnly } = reconcilingContainerApp(instance, db.dir);
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
    const kept = await first.newSession(anna, '01-netz');
    const vanished = await first.newSession(ben, '01-netz');
    await first.close({ keepEnvironments: true });

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
    await docker.getContainer(vanished.cluster!.name).remove({ force: true });

    const second = await createTestApp({ env, drivers: containerOnly() });
    try {
      await second.settle();
      await expect(docker.getContainer(orphan).inspect()).rejects.toMatchObject({
        statusCode: 404,
      });
      await expect(docker.getContainer(kept.cluster!.name).inspect()).resolves.toBeDefined();
      await expect(docker.getNetwork(vanished.cluster!.name).inspect()).rejects.toMatchObject({
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
