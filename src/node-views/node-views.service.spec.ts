import type { ClusterNode, EnvironmentHandle, ExecResult } from '../clusters/environment-handle.js';
import type { EnvironmentDriversService } from '../clusters/environment-drivers.service.js';
import { RateLimiter } from '../common/rate-limit/rate-limiter.js';
import { AppConfigService } from '../config/app-config.js';
import { parseConfig } from '../config/config.schema.js';
import type { LabsService } from '../labs/labs.service.js';
import { FakeClock } from '../../test/support/fake-clock.js';
import type { NodeViewTokensService } from './node-view-tokens.service.js';
import { NodeViewsService } from './node-views.service.js';

const NODES: ClusterNode[] = [
  { name: 'kl-ab12cd34-control-plane', role: 'control-plane', containerId: 'c1' },
  { name: 'kl-ab12cd34-worker', role: 'worker', containerId: 'c2' },
  { name: 'kl-ab12cd34-worker2', role: 'worker', containerId: 'c3' },
];

function service(exec: (node: string, argv: string[]) => Promise<ExecResult>, rate = '60/min') {
  const ran: { node: string; argv: string[] }[] = [];
  const handle = {
    name: 'kl-ab12cd34',
    nodes: () => Promise.resolve(NODES),
    execInNode: (node: string, argv: string[]) => {
      ran.push({ node, argv });
      return exec(node, argv);
    },
  } as unknown as EnvironmentHandle;
  const tokens = {
    sessionOf: (token: string) =>
      Promise.resolve(
        token === 'gut'
          ? {
              id: 's1',
              labId: '02-nat',
              cluster: { name: 'kl-ab12cd34', dockerEndpoint: 'unix:///x' },
            }
          : null,
      ),
  } as unknown as NodeViewTokensService;
  const labs = { get: () => ({ environment: 'kind' }) } as unknown as LabsService;
  const drivers = {
    for: () => ({ handle: () => Promise.resolve(handle) }),
  } as unknown as EnvironmentDriversService;
  const config = new AppConfigService(parseConfig({ KUBELAB_RATE_NODE_VIEWS: rate }));
  return {
    ran,
    nodeViews: new NodeViewsService(
      tokens,
      labs,
      drivers,
      new RateLimiter(new FakeClock()),
      config,
    ),
  };
}

const ok = (stdout: string): Promise<ExecResult> =>
  Promise.resolve({ exitCode: 0, stdout, stderr: '', timedOut: false });

describe(NodeViewsService.name, () => {
  it('resolves the node as learners name it: role, short name or full name', async () => {
    const { nodeViews, ran } = service(() => ok('x'));
    await nodeViews.run('gut', ['worker2', 'ip', 'route']);
    await nodeViews.run('gut', ['control-plane', 'ip', 'route']);
    await nodeViews.run('gut', ['kl-ab12cd34-worker', 'iptables-save', '-t', 'nat']);
    expect(ran).toEqual([
      { node: 'kl-ab12cd34-worker2', argv: ['ip', 'route'] },
      { node: 'kl-ab12cd34-control-plane', argv: ['ip', 'route'] },
      { node: 'kl-ab12cd34-worker', argv: ['iptables-save', '-t', 'nat'] },
    ]);
  });

  it('runs nothing for a refused command or an unknown token', async () => {
    const { nodeViews, ran } = service(() => ok('x'));
    expect(await nodeViews.run('gut', ['worker', 'iptables', '-F'])).toMatchObject({
      kind: 'refused',
      status: 422,
    });
    expect(await nodeViews.run('falsch', ['worker', 'ip', 'route'])).toMatchObject({
      kind: 'refused',
      status: 401,
    });
    expect(await nodeViews.run(undefined, ['worker', 'ip', 'route'])).toMatchObject({
      status: 401,
    });
    expect(ran).toEqual([]);
  });

  it('limits how often a session may call it', async () => {
    const { nodeViews, ran } = service(() => ok('x'), '2/min');
    await nodeViews.run('gut', ['worker', 'ip', 'route']);
    await nodeViews.run('gut', ['worker', 'ip', 'route']);
    const third = await nodeViews.run('gut', ['worker', 'ip', 'route']);
    expect(third).toMatchObject({ kind: 'refused', status: 429 });
    expect(third.kind === 'refused' && third.message).toContain('Bitte warte 30 Sekunden');
    expect(ran).toHaveLength(2);
  });

  it('says when the command took too long, and when the node does not answer', async () => {
    const slow = service(() =>
      Promise.resolve({ exitCode: -1, stdout: 'halb', stderr: '', timedOut: true }),
    );
    expect(await slow.nodeViews.run('gut', ['worker', 'conntrack', '-L'])).toEqual({
      kind: 'ran',
      output: 'halb\n(nach 20 Sekunden abgebrochen)\n',
      exitCode: 124,
    });
    const gone = service(() => Promise.reject(new Error('container not running')));
    expect(await gone.nodeViews.run('gut', ['worker', 'ip', 'route'])).toEqual({
      kind: 'refused',
      status: 503,
      message: 'Der Knoten worker antwortet gerade nicht.',
    });
  });
});
