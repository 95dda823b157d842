import Docker from 'dockerode';
import { DockerNodes } from '../../src/clusters/docker/docker-nodes.js';
import { describeWithDocker } from '../support/describe-with-docker.js';
import { ensureBusyboxImage } from '../support/test-images.js';

/** Two containers labelled the way kind labels its node containers. */
describeWithDocker('DockerNodes against a real Docker engine', () => {
  const docker = new Docker();
  const cluster = `kl-test${Date.now().toString(36)}`;
  const nodes = new DockerNodes(docker, {
    labels: [`io.x-k8s.kind.cluster=${cluster}`],
    roleLabel: 'io.x-k8s.kind.role',
  });

  beforeAll(async () => {
    const image = await ensureBusyboxImage(docker);
    for (const role of ['worker', 'control-plane']) {
      const container = await docker.createContainer({
        name: `${cluster}-${role}`,
        Image: image,
        Cmd: ['sleep', '3600'],
        Labels: { 'io.x-k8s.kind.cluster': cluster, 'io.x-k8s.kind.role': role },
        HostConfig: { AutoRemove: false },
      });
      await container.start();
    }
  }, 60_000);

  afterAll(async () => {
    const containers = await docker.listContainers({
      all: true,
      filters: { label: [`io.x-k8s.kind.cluster=${cluster}`] },
    });
    await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true })));
  });

  it('finds the nodes by label, control-plane first, with their roles', async () => {
    const list = await nodes.list();
    expect(list.map((n) => [n.name, n.role])).toEqual([
      [`${cluster}-control-plane`, 'control-plane'],
      [`${cluster}-worker`, 'worker'],
    ]);
  });

  it('keeps stdout and stderr apart and returns the exit code', async () => {
    const result = await nodes.exec('control-plane', [
      'sh',
      '-c',
      'echo out; echo err >&2; exit 3',
    ]);
    expect(result).toEqual({ exitCode: 3, stdout: 'out\n', stderr: 'err\n', timedOut: false });
  });

  it('passes argv without a shell: metacharacters stay data', async () => {
    const result = await nodes.exec('worker', ['echo', '$(id) ; rm -rf / && `x`']);
    expect(result.stdout).toBe('$(id) ; rm -rf / && `x`\n');
  });

  it('feeds stdin', async () => {
    const result = await nodes.exec(`${cluster}-worker`, ['wc', '-c'], { stdin: 'hallo welt\n' });
    expect(result.stdout.trim()).toBe('11');
  });

  it('kills a command that runs past its timeout', async () => {
    const started = Date.now();
    const result = await nodes.exec('worker', ['sleep', '30'], { timeoutMs: 500 });
    expect(result.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
    const ps = await nodes.exec('worker', ['ps']);
    expect(ps.stdout).not.toMatch(/sleep 30/);
  });

  it('opens a TTY shell whose size follows resize', async () => {
    const shell = await nodes.openShell('control-plane', ['sh'], ['TERM=xterm-256color'], {
      cols: 100,
      rows: 30,
    });
    let output = '';
    shell.stream.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const waitFor = async (pattern: RegExp) => {
      for (let i = 0; i < 100 && !pattern.test(output); i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(output).toMatch(pattern);
    };
    shell.stream.write('stty size\n');
    await waitFor(/30 100/);
    await shell.resize({ cols: 132, rows: 43 });
    shell.stream.write('stty size\n');
    await waitFor(/43 132/);
    shell.stream.write('exit 7\n');
    await expect(shell.exited).resolves.toBe(7);
  });

  it('says which node it cannot find', async () => {
    await expect(nodes.exec('nirgends', ['true'])).rejects.toThrow('No node "nirgends"');
  });
});
