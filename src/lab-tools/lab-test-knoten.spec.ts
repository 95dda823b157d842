import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { tempDir } from '../../test/support/temp-dir.js';
import type { EnvironmentHandle, ExecOptions } from '../clusters/environment-handle.js';
import { LabTestKnoten } from './lab-test-knoten.js';

/** A cluster whose nodes answer with the argv they were given. */
function cluster(name: string) {
  const ran: { node: string; argv: string[] }[] = [];
  const handle = {
    name,
    nodes: () =>
      Promise.resolve([
        { name: `${name}-control-plane`, role: 'control-plane', containerId: 'a' },
        { name: `${name}-worker`, role: 'worker', containerId: 'b' },
      ]),
    execInNode: (node: string, argv: string[], _options?: ExecOptions) => {
      ran.push({ node, argv });
      return Promise.resolve({
        exitCode: 3,
        stdout: `${argv.join(' ')}\n`,
        stderr: '',
        timedOut: false,
      });
    },
  } as unknown as EnvironmentHandle;
  return { handle, ran };
}

describe(LabTestKnoten.name, () => {
  const tmp = tempDir();
  const knoten = new LabTestKnoten();
  afterAll(async () => {
    await knoten.close();
    tmp.cleanup();
  });

  /** The toolbox's own `knoten` script, reading its url and token from `dir` instead of /run/kubelab. */
  async function script(handle: EnvironmentHandle, dir: string) {
    fs.mkdirSync(dir);
    const { token, port } = await knoten.credentials(handle);
    fs.writeFileSync(path.join(dir, 'knoten-url'), `http://127.0.0.1:${port}`);
    fs.writeFileSync(path.join(dir, 'knoten-token'), token);
    const text = fs.readFileSync('docker/toolbox/knoten', 'utf8').replaceAll('/run/kubelab', dir);
    fs.writeFileSync(path.join(dir, 'knoten'), text, { mode: 0o755 });
    // Not spawnSync: the server answering the script runs in this process.
    return (...args: string[]) => execa(path.join(dir, 'knoten'), args, { reject: false });
  }

  it('runs an allow-listed command in the named node, with its exit code, as the server would', async () => {
    const { handle, ran } = cluster('kl-labtest-aaa111');
    const run = await script(handle, path.join(tmp.dir, 'a'));
    const result = await run('worker', 'iptables-save', '-t', 'nat');
    expect(result.stdout).toBe('iptables-save -t nat');
    expect(result.exitCode).toBe(3);
    expect(ran).toEqual([
      { node: 'kl-labtest-aaa111-worker', argv: ['iptables-save', '-t', 'nat'] },
    ]);
  });

  it('refuses what is off the list in German, running nothing', async () => {
    const { handle, ran } = cluster('kl-labtest-bbb222');
    const run = await script(handle, path.join(tmp.dir, 'b'));
    const result = await run('worker', 'sh', '-c', 'id');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/Erlaubt sind nur diese Befehle/);
    expect(ran).toEqual([]);
  });

  it('answers each token with its own cluster only', async () => {
    const a = cluster('kl-labtest-ccc333');
    const b = cluster('kl-labtest-ddd444');
    const runA = await script(a.handle, path.join(tmp.dir, 'c'));
    await script(b.handle, path.join(tmp.dir, 'd'));
    await runA('control-plane', 'ip', 'route');
    expect(a.ran.map((r) => r.node)).toEqual(['kl-labtest-ccc333-control-plane']);
    expect(b.ran).toEqual([]);
  });

  it('refuses an unknown token', async () => {
    const { handle } = cluster('kl-labtest-eee555');
    const run = await script(handle, path.join(tmp.dir, 'e'));
    fs.writeFileSync(path.join(tmp.dir, 'e', 'knoten-token'), 'falsch');
    const result = await run('worker', 'ip', 'route');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/kennt diese Sitzung nicht/);
  });
});
